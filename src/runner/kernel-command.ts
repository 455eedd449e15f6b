// The one place that says which kernel the runner starts. Today: tslab, resolved from the reglab
// package itself (not the current project's node_modules/.bin), so `npx reglab run` works in any
// project that installed reglab. The command line is the kernel spec's: `kernel --config-path <file>`.
import { accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';

/** The kernel could not be found or is not executable. */
export class KernelMissingError extends Error {
  override name = 'KernelMissingError';
}

/**
 * The argv that starts a kernel on `connectionFile`. `executable` (the CLI's `--kernel`) replaces
 * the bundled tslab by any program with tslab's command line.
 *
 * @example kernelArgv('/tmp/k/kernel.json') // [node, …/tslab/bin/tslab, 'kernel', '--config-path', '/tmp/k/kernel.json']
 */
export function kernelArgv(connectionFile: string, executable?: string): string[] {
  const args = ['kernel', '--config-path', connectionFile];
  if (executable !== undefined) {
    try {
      accessSync(executable, constants.X_OK);
    } catch {
      throw new KernelMissingError(`kernel binary not found or not executable: ${executable}`);
    }
    return [executable, ...args];
  }
  return [process.execPath, tslabScript(), ...args];
}

/** tslab's bin script, run with this node (no shebang or exec bit needed). */
function tslabScript(): string {
  let manifest: string;
  try {
    manifest = require.resolve('tslab/package.json');
  } catch {
    throw new KernelMissingError('the tslab kernel is not installed next to reglab (reinstall reglab: `npm install reglab`)');
  }
  const bin = (require(manifest) as { bin?: Record<string, string> }).bin?.tslab ?? 'bin/tslab';
  return join(dirname(manifest), bin);
}
