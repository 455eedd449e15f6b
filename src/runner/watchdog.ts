// Parent-death watchdog: the kernel is started through this small process so that it dies with its
// runner, however the runner ends (SIGKILL and crashes included). The runner holds the write end of
// the watchdog's stdin; the kernel never sees it. When the runner dies the pipe closes (or the
// watchdog is re-parented): the watchdog removes the connection folder and SIGKILLs the kernel's
// process tree and its own process group (the runner spawns it detached, so the group is the
// watchdog plus the kernel). The kernel's exit status is passed on as the watchdog's own, and the
// watchdog reaps the kernel before it exits (no zombie left to init).
//
// Usage (by the runner): node watchdog.js <connection folder> <kernel cwd> <kernel argv…>
// (the watchdog itself runs in the runner's cwd, where the runner's own loader, e.g. tsx, resolves).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { extname } from 'node:path';
import { killProcessTree } from './process-group';

/** How often the watchdog checks that its parent is still the runner. */
const PARENT_POLL_MS = 500;

/**
 * The argv that starts `kernel` under the watchdog. Under tsx (this file is .ts) the child node
 * needs the same loader flags; compiled, it is plain `node watchdog.js`.
 */
export function watchdogArgv(connectionFolder: string, cwd: string, kernel: string[]): string[] {
  const loader = extname(__filename) === '.ts' ? process.execArgv : [];
  return [process.execPath, ...loader, __filename, connectionFolder, cwd, ...kernel];
}

/** How long the watchdog waits to reap the killed kernel before it kills its whole group anyway. */
const REAP_WAIT_MS = 2000;

function main(argv: string[]): void {
  const [folder, cwd, command, ...args] = argv;
  const parent = process.ppid;
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  let ending = false;
  const die = (): void => {
    if (ending) return;
    ending = true;
    rmSync(folder, { recursive: true, force: true });
    if (child.pid !== undefined) killProcessTree(child.pid); // its exit event ends us (below)
    setTimeout(() => {
      process.kill(-process.pid, 'SIGKILL');
      process.exit(137); // not a group leader (started by hand): the tree is gone, so are we
    }, REAP_WAIT_MS);
  };
  process.stdin.on('end', die).on('close', die).on('error', die).resume();
  setInterval(() => {
    if (process.ppid !== parent) die();
  }, PARENT_POLL_MS);
  child.on('error', (e) => {
    process.stderr.write(`reglab watchdog: could not start the kernel ${command}: ${e.message}\n`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    if (signal !== null) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
  // The runner stops kernels by killing the whole group; a polite signal to us goes to the kernel.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
}

if (require.main === module) main(process.argv.slice(2));
