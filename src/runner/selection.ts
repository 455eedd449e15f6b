// Which notebooks a run executes: files and folders → .ipynb files (a folder's sorted by name).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from './usage-error';

/** Files and folders → .ipynb files; a missing path, an empty selection or two same names is a UsageError. */
export function selectNotebooks(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`no such notebook or folder: ${p}`);
    if (statSync(p).isDirectory()) {
      files.push(...readdirSync(p).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(p, f)));
    } else {
      files.push(p);
    }
  }
  if (files.length === 0) throw new UsageError(`no notebooks found in ${paths.join(', ')}`);
  const names = files.map((f) => basename(f));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new UsageError(`two selected notebooks are named ${twice}; their executed copies would overwrite each other in --out`);
  }
  return files;
}
