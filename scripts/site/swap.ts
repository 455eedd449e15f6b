// Builds a folder in a temporary sibling and renames it into place, so readers never see a
// partial site and two builds into the same target both succeed.
//
// A build writes everything into `<out>.tmp-<random>` (same parent, so renames stay on one file
// system). Only the swap is serialized, by a lock directory `<out>.lock` (mkdir is atomic; a lock
// whose owner process is gone is taken over): the old site is renamed aside, the new one renamed
// in, then the old one removed. Between the two renames the target is absent for a moment
// (microseconds), never half-written — POSIX rename cannot exchange two directories, and Node
// exposes no renameat2(RENAME_EXCHANGE). A failed build removes its temporary folder.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const sleep = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<out>.lock`, waiting up to `timeoutMs`; returns the function that releases it. */
function lock(out: string, timeoutMs = 60_000): () => void {
  const path = `${out}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(path, 'pid'), 'utf8'));
    } catch {
      // being created or released right now
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(path, { recursive: true, force: true }); // its owner died holding it
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${path} is held by process ${owner} for over ${timeoutMs / 1000} s (remove it if that process is gone)`);
    sleep(25);
  }
}

/**
 * Calls `write(tmp)` with a fresh temporary folder next to `out`, then renames it to `out`
 * (replacing what was there). `out`'s parent is created if needed.
 */
export function buildInto(out: string, write: (tmp: string) => void): void {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = mkdtempSync(join(dirname(out), `.${basename(out)}.tmp-`));
  try {
    write(tmp);
    const release = lock(out);
    const old = `${tmp}.old`;
    let moved = false;
    try {
      try {
        renameSync(out, old);
        moved = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      try {
        renameSync(tmp, out);
      } catch (e) {
        if (moved) renameSync(old, out); // put the previous site back
        moved = false;
        throw e;
      }
    } finally {
      release();
    }
    if (moved) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
