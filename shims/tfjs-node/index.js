'use strict';
// danfojs-node requires '@tensorflow/tfjs-node'. npm links this folder in its place (see the
// "overrides" in the root package.json). Resolution starts from this folder's real path, so the
// lookups below find the project's root node_modules, never this shim again.
function load() {
  try {
    return require('@tensorflow/tfjs-node');
  } catch (_) {
    return require('@tensorflow/tfjs');
  }
}
module.exports = load();
