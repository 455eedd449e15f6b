// The `callbacks` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { earlyStopping, EarlyStoppingCallback, inferMode } from './early-stopping';
export type { EarlyStoppingOptions, StoppableModel } from './early-stopping';
export { runLogger, RunLogger, readRuns, defaultRunsDir } from './run-logger';
export type { RunLoggerOptions, RunRecord, ReadRunsOptions } from './run-logger';
export { applyConstraints, ApplyConstraintsCallback } from './apply-constraints';
export { runSession, RunSession, SESSION_PARAM } from './run-session';
export type { RunSessionOptions } from './run-session';
