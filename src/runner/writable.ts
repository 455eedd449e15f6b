// Output folders are checked before the first notebook runs, so a read-only --out or --report
// folder is one clear usage error instead of every notebook running to fail at the end.
import { accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './usage-error';

/** Creates `dir` if needed and proves it writable by writing and removing a probe file. */
export function checkWritableFolder(dir: string, what: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create the ${what} folder ${dir}: ${reason(e)}`);
  }
  const probe = join(dir, `.reglab-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new UsageError(`the ${what} folder ${dir} is not writable: ${reason(e)}`);
  }
}

/** A file the run will write: its folder must be writable, and it must not be a folder itself. */
export function checkWritableFile(file: string, what: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    // does not exist yet: fine
  }
  if (isDirectory) throw new UsageError(`${what} ${file} is a folder, not a file`);
  checkWritableFolder(dirname(file), what);
  try {
    accessSync(file, constants.W_OK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${what} ${file} is not writable: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text: Record<string, string> = {
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file of that name is in the way',
  };
  return err.code && text[err.code] ? `${text[err.code]} (${err.code})` : err.message;
}
