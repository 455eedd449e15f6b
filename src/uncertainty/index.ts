// The `uncertainty` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { mcPredict, DROPOUT_LAYER_CLASSES } from './mc-predict';
export type { McPredictOptions, McPrediction, StochasticModel } from './mc-predict';
export { reliability } from './reliability';
export type { Reliability, ReliabilityBin, ReliabilityOptions, Probabilities, Labels } from './reliability';
export { expectedCalibrationError } from './expected-calibration-error';
export type { CalibrationErrorOptions } from './expected-calibration-error';
