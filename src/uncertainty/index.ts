// The `uncertainty` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { mcPredict, DROPOUT_LAYER_CLASSES } from './mc-predict';
export type { McPredictOptions, McPrediction, StochasticModel } from './mc-predict';
