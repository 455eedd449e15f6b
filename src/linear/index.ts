// The `linear` namespace of reglab: penalized least squares in scikit-learn's ElasticNet convention,
// with closed-form, gradient, ISTA/FISTA and coordinate-descent solvers, and the lasso path.
export { fitLinear } from './fit-linear';
export type { FitLinearOptions, LinearFit, LinearPenalty, LinearSolver } from './fit-linear';
export { lassoPath } from './lasso-path';
export type { LassoPath, LassoPathOptions } from './lasso-path';
