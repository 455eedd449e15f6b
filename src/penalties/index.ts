// The `penalties` namespace of reglab: L1, L2 and elastic-net penalties on plain numbers and on tfjs
// tensors (value, subgradient, proximal operator), in scikit-learn's ElasticNet convention.
export { l1 } from './l1';
export type { L1Options } from './l1';
export { l2 } from './l2';
export type { L2Options } from './l2';
export { elasticNet, ElasticNetPenalty } from './elastic-net';
export type { ElasticNetOptions, Penalty } from './elastic-net';
export { softThreshold } from './soft-threshold';
