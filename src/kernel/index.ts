// The reglab Jupyter kernel, for tools (the runner, the CLI); not part of the notebook API.
// Light to import: the kernel itself (zeromq, tslab) loads only in dist/kernel/main.js.
export { kernelArgv, KERNEL_MAIN } from './argv';
export * as spec from './spec';
