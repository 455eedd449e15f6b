// Reading, validating, preparing and atomically writing notebooks (nbformat 4.5).
import type { ICell, ICodeCell, INotebookContent, MultilineString } from '@jupyterlab/nbformat';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

export const TAG = {
  parameters: 'parameters',
  injected: 'injected-parameters',
  skip: 'skip-execution',
  raises: 'raises-exception',
} as const;

/**
 * Reads and checks a notebook; a clear NotebookFormatError names the file (as `label`, default the
 * path) and the problem.
 */
export function loadNotebook(path: string, label = path): INotebookContent {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NotebookFormatError(`malformed notebook JSON in ${label}: ${(e as Error).message}`);
  }
  const nb = value as Partial<INotebookContent> | null;
  if (!nb || typeof nb !== 'object' || Array.isArray(nb)) {
    throw new NotebookFormatError(`${label} is not a notebook: the top level is not a JSON object`);
  }
  if (nb.nbformat !== 4) {
    throw new NotebookFormatError(`${label}: only nbformat 4 notebooks are supported; received nbformat ${String(nb.nbformat)}`);
  }
  if (!Array.isArray(nb.cells)) throw new NotebookFormatError(`${label}: \`cells\` must be an array`);
  nb.cells.forEach((cell, index) => {
    const c = cell as Partial<ICell> | null;
    if (!c || typeof c !== 'object' || typeof c.cell_type !== 'string' || !isMultiline(c.source)) {
      throw new NotebookFormatError(`${label}: cell ${index} needs a \`cell_type\` and a string or string[] \`source\``);
    }
  });
  return { ...nb, metadata: nb.metadata ?? {}, nbformat_minor: nb.nbformat_minor ?? 0 } as INotebookContent;
}

function isMultiline(s: unknown): s is MultilineString {
  return typeof s === 'string' || (Array.isArray(s) && s.every((x) => typeof x === 'string'));
}

export function sourceText(cell: ICell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

export function tagsOf(cell: ICell): string[] {
  const tags = (cell.metadata as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export function isCodeCell(cell: ICell): cell is ICodeCell {
  return cell.cell_type === 'code';
}

/**
 * A deep copy ready to execute: nbformat 4.5 (every cell gets an id), code cells without outputs
 * or execution counts.
 */
export function freshCopy(nb: INotebookContent): INotebookContent {
  const copy = structuredClone(nb);
  copy.nbformat_minor = Math.max(5, copy.nbformat_minor);
  const used = new Set(copy.cells.map((c) => c.id).filter((id): id is string => typeof id === 'string'));
  for (const cell of copy.cells) {
    if (typeof cell.id !== 'string' || cell.id === '') cell.id = uniqueId(used);
    if (isCodeCell(cell)) {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}

export function uniqueId(used: Set<string>, preferred?: string): string {
  let id = preferred ?? randomBytes(4).toString('hex');
  for (let n = 1; used.has(id); n++) id = preferred ? `${preferred}-${n}` : randomBytes(4).toString('hex');
  used.add(id);
  return id;
}

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : resolve(path);
}

/** Jupyter's own layout: one-space indent, trailing newline. */
export function serializeNotebook(nb: INotebookContent): string {
  return JSON.stringify(nb, null, 1) + '\n';
}

/**
 * Writes via a temporary file in the same folder and a rename, so readers never see half a file.
 * An existing file keeps its permission bits, and a symlink stays a symlink: the write goes to
 * the file it points to.
 */
export function writeAtomic(path: string, text: string): void {
  const target = followLinks(path);
  mkdirSync(dirname(target), { recursive: true });
  const mode = permissions(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    chmodSync(temp, mode ?? 0o666 & ~process.umask());
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** The file a path names after following symlinks; the path itself when it does not exist yet. */
function followLinks(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function permissions(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}
