// The one place that says which kernel the runner starts: reglab's own protocol-correct kernel
// (src/kernel: tslab's compiler and executor behind an ordered ZeroMQ layer), from this package,
// so `npx reglab run` works in any project that installed reglab. Its command line is
// `<node> <reglab>/dist/kernel/main.js <connection file>`; `--kernel <program>` replaces it by any
// program that takes the connection file as its only argument.
import { accessSync, constants } from 'node:fs';
import { kernelArgv as reglabKernelArgv } from '../kernel/argv';

/** The kernel could not be found or is not executable. */
export class KernelMissingError extends Error {
  override name = 'KernelMissingError';
}

/**
 * The argv that starts a kernel on `connectionFile`: reglab's kernel, or `executable` (the CLI's
 * `--kernel`) given the connection file as its only argument.
 *
 * @example kernelArgv('/tmp/k/kernel.json') // [node, …/reglab/dist/kernel/main.js, '/tmp/k/kernel.json']
 */
export function kernelArgv(connectionFile: string, executable?: string): string[] {
  if (executable !== undefined) {
    try {
      accessSync(executable, constants.X_OK);
    } catch {
      throw new KernelMissingError(`kernel binary not found or not executable: ${executable}`);
    }
    return [executable, connectionFile];
  }
  try {
    return reglabKernelArgv(connectionFile);
  } catch (e) {
    throw new KernelMissingError((e as Error).message);
  }
}
