// The `regularizers` namespace of reglab: serializable tfjs regularizers (usable as
// `kernelRegularizer`, saved and loaded with the model). Importing reglab registers them.
export { Regularizer } from './base';
export { L1, l1 } from './l1';
export type { L1Args } from './l1';
export { L2, l2 } from './l2';
export type { L2Args } from './l2';
export { ElasticNet, elasticNet } from './elastic-net';
export type { ElasticNetArgs } from './elastic-net';
export { Orthogonal, orthogonal } from './orthogonal';
export type { OrthogonalArgs } from './orthogonal';
export { singularValues } from './singular-values';
