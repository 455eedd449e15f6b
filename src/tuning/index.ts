// The `tuning` namespace of reglab: cross-validation, the one-standard-error rule, and grid and
// random search over hyperparameters (λ, dropout rates, learning rates) with a user objective.
export { crossValidate, oneStandardError, meanSquaredError, accuracy } from './cross-validate';
export type { CrossValidateOptions, CrossValidation, FitFunction, Predictor, ScoreFunction, Candidate, OneStandardErrorOptions } from './cross-validate';
export { gridSearch, randomSearch } from './search';
export type { GridSpace, RandomSpace, GridParams, RandomParams, Objective, SearchOptions, RandomSearchOptions, Trial, SearchResult } from './search';
export { uniform, logUniform, intUniform, choice, logGrid, linearGrid } from './space';
export type { Distribution, ParamValue } from './space';
