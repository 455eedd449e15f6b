// The `stats` namespace of reglab: experiments repeated over seeds, summarized with standard
// errors, and claims asserted with an explicit margin (a paired gain beyond k standard errors,
// or a sign that holds at every seed).
export { summarize } from './summary';
export type { Summary } from './summary';
export { seeds } from './seeds';
export type { SeedsOptions } from './seeds';
export { overSeeds, seedResults } from './over-seeds';
export type { SeedResults, SeedRun } from './over-seeds';
export { effect, assertEffect, show, seedTableRows } from './effect';
export type { EffectOptions, Effect } from './effect';
