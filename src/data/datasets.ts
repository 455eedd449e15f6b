/**
 * The small datasets shipped in `data/` (copies of scikit-learn's), verified by sha256 on load.
 *
 * ```ts
 * const ds = await rl.data.load('breast-cancer');
 * ds.X.length;             // 569
 * ds.featureNames[0];      // 'mean radius'
 * ds.targetNames;          // ['malignant', 'benign']
 * const df = await ds.frame();   // a danfojs-node DataFrame (features + `target`)
 * ```
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { checker, show } from '../args';

/**
 * What reglab's types say of a danfojs-node DataFrame — structural, so that reglab's public types
 * compile without the optional peer installed (`skipLibCheck: false`). For danfojs's full type,
 * pass it: `const df = await ds.frame<import('danfojs-node').DataFrame>();`.
 */
export interface DataFrameLike {
  /** [rows, columns]. */
  shape: number[];
  /** Column names. */
  columns: string[];
  /** The value at (row, column) by position. */
  iat(row: number, column: number): unknown;
  /** The first `rows` rows (danfojs default 5). */
  head(rows?: number): DataFrameLike;
  /** Prints the frame as a text table. */
  print(): void;
}

/** The names `load()` accepts. */
export type DatasetName = 'diabetes' | 'digits' | 'breast-cancer' | 'wine' | 'iris';
export const datasetNames: readonly DatasetName[] = ['diabetes', 'digits', 'breast-cancer', 'wine', 'iris'];

export interface Dataset {
  /** The name given to `load()`. */
  name: string;
  /** Features, one row per sample. */
  X: number[][];
  /** Targets: class indices (0, 1, …) for classification, real values for regression. */
  y: number[];
  /** Column names of X (scikit-learn's `feature_names`). */
  featureNames: string[];
  /** Class names, indexed by label (classification sets only). */
  targetNames?: string[];
  /** The dataset's description (scikit-learn's .rst text). */
  description: string;
  /** 'classification' or 'regression'. */
  task: 'classification' | 'regression';
  /**
   * The data as a danfojs-node DataFrame: the feature columns plus `target`.
   * danfojs-node is an optional peer dependency, loaded on first call. `T` is the type you want
   * it seen as (default {@link DataFrameLike}; `import('danfojs-node').DataFrame` for all of it).
   */
  frame<T = DataFrameLike>(): Promise<T>;
}

export interface LoadOptions {
  /** Folder holding the files and `manifest.json`. Defaults to the package's `data/` folder. */
  dataDir?: string;
}

interface ManifestFile {
  /** sha256 of the file as shipped (for a .gz file: of the compressed bytes). */
  sha256: string;
  bytes?: number;
  /** For a .gz file: sha256 and size of the decompressed bytes (scikit-learn's original file). */
  content?: { sha256: string; bytes?: number };
  rows?: number;
  columns?: number;
  source?: string;
  licence?: string;
}

interface ManifestDataset {
  layout: 'counted-csv' | 'digits' | 'diabetes';
  files: string[];
  description: string;
  task: 'classification' | 'regression';
  featureNames: string[];
  targetNames?: string[];
}

export interface Manifest {
  files: Record<string, ManifestFile>;
  datasets: Record<string, ManifestDataset>;
}

/** The package's `data/` folder (two levels above src/data or dist/data). */
export const defaultDataDir: string = resolve(__dirname, '..', '..', 'data');

/** Reads `manifest.json` from `dataDir`. */
export async function readManifest(dataDir: string = defaultDataDir): Promise<Manifest> {
  const file = join(dataDir, 'manifest.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the data manifest ${file} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    throw new Error(`the data manifest ${file} is not valid JSON (${(err as Error).message})`);
  }
  for (const key of ['files', 'datasets'] as const) {
    const part = (manifest as Record<string, unknown> | null)?.[key];
    if (part === null || typeof part !== 'object' || Array.isArray(part)) {
      throw new Error(`the data manifest ${file} must have an object \`${key}\`; received ${show(part)}`);
    }
  }
  return manifest as Manifest;
}

/** The hex sha256 of `bytes`. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a manifest-listed file and checks its sha256; throws naming the file on any problem. */
export async function readVerified(dataDir: string, fileName: string, manifest: Manifest): Promise<Buffer> {
  const path = join(dataDir, fileName);
  const entry = manifest.files[fileName];
  if (!entry) throw new Error(`${path} is not listed in ${join(dataDir, 'manifest.json')}`);
  if (!existsSync(path)) {
    throw new Error(`missing data file ${path} (listed in manifest.json; reinstall reglab or restore the file)`);
  }
  const bytes = await fs.readFile(path);
  const actual = sha256(bytes);
  if (actual !== entry.sha256) {
    throw new Error(
      `checksum mismatch for ${path}: expected sha256 ${entry.sha256}, got ${actual} ` +
      '(the file was modified or is corrupt; restore it from the reglab package)',
    );
  }
  return bytes;
}

/**
 * The verified bytes of a manifest-listed file, decompressed when it is gzip (`.gz`); the
 * decompressed bytes are checked against the manifest's `content.sha256` when it gives one.
 */
export async function readContent(dataDir: string, fileName: string, manifest: Manifest): Promise<Buffer> {
  const bytes = await readVerified(dataDir, fileName, manifest);
  if (!fileName.endsWith('.gz')) return bytes;
  const path = join(dataDir, fileName);
  let content: Buffer;
  try {
    content = gunzipSync(bytes);
  } catch (err) {
    throw new Error(`malformed gzip file ${path} (${(err as Error).message})`);
  }
  const expected = manifest.files[fileName].content?.sha256;
  if (expected !== undefined && sha256(content) !== expected) {
    throw new Error(`checksum mismatch for the decompressed content of ${path}: expected sha256 ${expected}, got ${sha256(content)}`);
  }
  return content;
}

/**
 * Loads a shipped dataset after verifying the sha256 of each of its files.
 *
 * Errors name the file or the dataset: unknown name, missing file, checksum mismatch, malformed CSV.
 *
 * ```ts
 * const { X, y, featureNames } = await rl.data.load('wine');   // 178 × 13, labels 0..2
 * ```
 */
export async function load(name: DatasetName, options: LoadOptions = {}): Promise<Dataset> {
  const check = checker('rl.data.load');
  check.options<LoadOptions>(options, ['dataDir']);
  const dataDir = check.string('dataDir', options.dataDir, defaultDataDir);
  const manifest = await readManifest(dataDir);
  const spec = manifest.datasets[check.oneOf('name', name, Object.keys(manifest.datasets))];
  const files = await Promise.all(spec.files.map((f) => readContent(dataDir, f, manifest)));
  const description = (await readVerified(dataDir, spec.description, manifest)).toString('utf8');
  const paths = spec.files.map((f) => join(dataDir, f));
  const { X, y } = parseLayout(spec, files, paths);
  checkShape(X, spec, paths[0], manifest.files[spec.files[0]]);
  const featureNames = spec.featureNames.slice();
  const targetNames = spec.targetNames?.slice();
  return {
    name, X, y, featureNames, description, task: spec.task,
    ...(targetNames ? { targetNames } : {}),
    frame: <T = DataFrameLike>() => toFrame(X, y, featureNames) as Promise<T>,
  };
}

function parseLayout(spec: ManifestDataset, files: Buffer[], paths: string[]): { X: number[][]; y: number[] } {
  switch (spec.layout) {
    case 'counted-csv':
      return parseCountedCsv(files[0].toString('utf8'), paths[0], spec);
    case 'digits':
      return splitLabel(parseNumbers(files[0].toString('utf8'), paths[0], ',', 65), paths[0], 10);
    case 'diabetes': {
      const X = parseNumbers(files[0].toString('utf8'), paths[0], ' ', spec.featureNames.length);
      const y = parseNumbers(files[1].toString('utf8'), paths[1], ' ', 1).map((row) => row[0]);
      if (y.length !== X.length) {
        throw new Error(`malformed data: ${paths[1]} has ${y.length} targets but ${paths[0]} has ${X.length} rows`);
      }
      return { X, y };
    }
    default:
      throw new Error(`unknown layout ${show((spec as ManifestDataset).layout)} in manifest.json`);
  }
}

/** Parses delimited text into rows of numbers with exactly `width` fields each (papaparse). */
function parseNumbers(text: string, path: string, delimiter: string, width: number, lineOffset = 0): number[][] {
  const parsed = Papa.parse<string[]>(text.trim(), { delimiter, skipEmptyLines: true });
  const rowError = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (rowError) {
    throw new Error(`malformed CSV in ${path}, line ${(rowError.row ?? 0) + 1 + lineOffset}: ${rowError.message}`);
  }
  return parsed.data.map((fields, i) => {
    const cells = fields.filter((f) => !(delimiter === ' ' && f === '')); // runs of spaces
    const line = i + 1 + lineOffset;
    if (cells.length !== width) {
      throw new Error(`malformed CSV in ${path}, line ${line}: expected ${width} fields, found ${cells.length}`);
    }
    return cells.map((cell, j) => {
      const v = cell.trim() === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw new Error(`malformed CSV in ${path}, line ${line}, field ${j + 1}: ${show(cell)} is not a number`);
      }
      return v;
    });
  });
}

/** scikit-learn's layout: first line `n_samples,n_features,class names…`, then features + label. */
function parseCountedCsv(text: string, path: string, spec: ManifestDataset): { X: number[][]; y: number[] } {
  const newline = text.indexOf('\n');
  const header = (newline < 0 ? text : text.slice(0, newline)).trim().split(',');
  const nSamples = Number(header[0]);
  const nFeatures = Number(header[1]);
  const classNames = header.slice(2);
  if (!Number.isInteger(nSamples) || !Number.isInteger(nFeatures) || classNames.length === 0) {
    throw new Error(`malformed CSV in ${path}, line 1: expected 'n_samples,n_features,class names…'; received ${show(header.join(','))}`);
  }
  const rows = parseNumbers(newline < 0 ? '' : text.slice(newline + 1), path, ',', nFeatures + 1, 1);
  if (rows.length !== nSamples) {
    throw new Error(`malformed CSV in ${path}: line 1 announces ${nSamples} samples, found ${rows.length}`);
  }
  if (spec.targetNames && spec.targetNames.length !== classNames.length) {
    throw new Error(`malformed CSV in ${path}: ${classNames.length} class names, manifest.json lists ${spec.targetNames.length}`);
  }
  return splitLabel(rows, path, classNames.length, 1);
}

/** Splits off the last column as an integer class label in [0, classes). */
function splitLabel(rows: number[][], path: string, classes: number, lineOffset = 0): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  rows.forEach((row, i) => {
    const label = row[row.length - 1];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`malformed CSV in ${path}, line ${i + 1 + lineOffset}: label ${label} is not a class index 0..${classes - 1}`);
    }
    X.push(row.slice(0, -1));
    y.push(label);
  });
  return { X, y };
}

function checkShape(X: number[][], spec: ManifestDataset, path: string, entry: ManifestFile): void {
  if (entry.rows !== undefined && X.length !== entry.rows) {
    throw new Error(`malformed data: ${path} has ${X.length} rows, manifest.json says ${entry.rows}`);
  }
  if (X[0]?.length !== spec.featureNames.length) {
    throw new Error(`malformed data: ${path} has ${X[0]?.length} features, manifest.json names ${spec.featureNames.length}`);
  }
}

type Danfo = { DataFrame: new (rows: number[][], options: { columns: string[] }) => unknown };

/**
 * Loads danfojs-node (an optional peer dependency), telling a missing package from one that is
 * installed but cannot load (typically its @tensorflow/tfjs-node edge: a dangling shim link).
 */
export function loadDanfo(resolveFrom: string = __dirname): Danfo {
  let path: string;
  try {
    path = require.resolve('danfojs-node', { paths: [resolveFrom] });
  } catch {
    throw new Error('Dataset.frame() needs the optional peer dependency danfojs-node, which is not installed: ' +
      'npm install danfojs-node (with the two "overrides" of README § danfojs-node in your project)');
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(path) as Danfo;
  } catch (err) {
    const message = String((err as Error).message).split('\n')[0];
    const missing = /Cannot find module '([^']+)'/.exec(message)?.[1];
    const hint = missing === '@tensorflow/tfjs-node'
      ? ' — danfojs-node\'s @tensorflow/tfjs-node is missing or a dangling link: your package.json\'s "overrides" must map ' +
        'danfojs-node\'s @tensorflow/tfjs-node to "npm:@tensorflow/tfjs@^4.22.0" (README § danfojs-node in your project), then npm install'
      : '';
    throw new Error(`danfojs-node is installed (${path}) but failed to load: ${message}${hint}`);
  }
}

/** Builds a danfojs-node DataFrame, loading danfojs-node lazily. */
async function toFrame(X: number[][], y: number[], featureNames: string[]): Promise<unknown> {
  const dfd = loadDanfo();
  const rows = X.map((row, i) => [...row, y[i]]);
  return new dfd.DataFrame(rows, { columns: [...featureNames, 'target'] });
}
