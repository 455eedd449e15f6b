// Faster kernels registered for the wasm backend (issue 6). Placeholder until then.
/** Registers reglab's faster wasm kernels; returns the names of the kernels it replaced. */
export function registerWasmKernels(): string[] {
  return [];
}
