/**
 * reglab — regularization in deep learning, with TensorFlow.js.
 *
 * The public API is a set of namespaces; nothing else is exported at the top level.
 *
 * ```ts
 * import * as rl from 'reglab';
 * await rl.backend.ready();          // tensorflow (native) → wasm → cpu
 * rl.config.seed(42);                // reproducible runs
 * ```
 */
export * as backend from './backend';
export * as config from './config';
export * as penalties from './penalties';
export * as linear from './linear';
export * as regularizers from './regularizers';
export * as optimizers from './optimizers';
export * as callbacks from './callbacks';
export * as layers from './layers';
export * as data from './data';
export * as plot from './plot';
export * as uncertainty from './uncertainty';
export * as tuning from './tuning';
export * as stats from './stats';
export { version } from './version';
