// The `layers` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { invertedDropout } from './dropout';
export type { InvertedDropoutOptions } from './dropout';
export { spatialDropout2d, SpatialDropout2D } from './spatial-dropout';
export type { SpatialDropout2DArgs } from './spatial-dropout';
export * from './augmentation';
