// How the headless runner starts this package's kernel (no kernel spec involved).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The kernel's entry point in this package: dist/kernel/main.js. Code run from the sources
 * (src/ through tsx) gets the built one too, so every kernel runs as it ships.
 */
export const KERNEL_MAIN = existsSync(resolve(__dirname, 'main.js'))
  ? resolve(__dirname, 'main.js')
  : resolve(__dirname, '..', '..', 'dist', 'kernel', 'main.js');

/**
 * The command that starts a kernel of THIS reglab on `connectionFile`: the running node's
 * absolute path and this package's dist/kernel/main.js. Run it in the notebook's folder:
 *
 *     const [cmd, ...args] = kernelArgv('/tmp/k/kernel.json');
 *     spawn(cmd, args, { cwd: notebookFolder });
 */
export function kernelArgv(connectionFile: string): string[] {
  if (typeof connectionFile !== 'string' || connectionFile === '') {
    throw new Error(`\`connectionFile\` must be a path; received ${JSON.stringify(connectionFile)}`);
  }
  if (!existsSync(KERNEL_MAIN)) {
    throw new Error(`the reglab kernel is not built: ${KERNEL_MAIN} is missing (run npm run build)`);
  }
  return [process.execPath, KERNEL_MAIN, connectionFile];
}
