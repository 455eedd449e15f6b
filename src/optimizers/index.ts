// The `optimizers` namespace of reglab: tf.Optimizer subclasses with decoupled weight decay
// (usable in model.compile, serializable). Importing reglab registers them.
export { AdamW, adamw } from './adamw';
export type { AdamWArgs } from './adamw';
export { SGDW, sgdw } from './sgdw';
export type { SGDWArgs } from './sgdw';
export { isBiasOrNorm } from './decay';
export type { DecaySelection } from './decay';
export { DecoupledDecayOptimizer } from './decoupled';
