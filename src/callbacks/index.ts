// The `callbacks` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { earlyStopping, EarlyStoppingCallback, inferMode } from './early-stopping';
export type { EarlyStoppingOptions, StoppableModel } from './early-stopping';
