/**
 * Run records: one JSON line per training run — parameters, per-epoch metrics, backend, seed,
 * duration — appended to `<dir>/<experiment>.jsonl`. The articles name TensorBoard and Weights &
 * Biases for tracking experiments; this is the offline, dependency-free version, and tables and
 * plots are built from the records (`readRuns`). With the native backend (tfjs-node) the same
 * callback also writes TensorBoard logs under `<dir>/tensorboard/<experiment>/<run>`.
 *
 * ```ts
 * const logger = rl.callbacks.runLogger({ experiment: 'capstone', run: 'l2', params: { l2: 1e-3 },
 *                                        writeOn: 'manual' });
 * await model.fit(xs, ys, { epochs: 20, validationSplit: 0.2, callbacks: [logger] });
 * logger.write({ testAccuracy: 0.93 });            // results known after fit
 * const runs = rl.callbacks.readRuns('capstone');   // [{ run: 'l2', history: { loss: [...] }, ... }]
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { info as backendInfo } from '../backend';
import { checker, show } from '../args';
import { currentSeed, smoke } from '../config';
import { env } from '../env';

/** Options of {@link runLogger}. */
export interface RunLoggerOptions {
  /** Name of the run within the experiment, e.g. `'dropout 0.5'`. Required. */
  run: string;
  /** Experiment (file) name: records go to `<dir>/<experiment>.jsonl`. Defaults to `'runs'`. */
  experiment?: string;
  /** Hyper-parameters and settings to record with the run. Defaults to `{}`. */
  params?: Record<string, unknown>;
  /**
   * Folder of the records. Defaults to env `REGLAB_RUNS`, else `build/runs` under the nearest
   * folder (from the working directory up) that holds a package.json, else the working directory.
   */
  dir?: string;
  /**
   * When to append the record: at the end of training (`'trainEnd'`), or only when `write()` is
   * called (`'manual'`, for runs whose results, such as test metrics, are computed after `fit`).
   * Defaults to `'trainEnd'`.
   */
  writeOn?: 'trainEnd' | 'manual';
}

/** One line of a `.jsonl` run file. */
export interface RunRecord {
  experiment: string;
  run: string;
  params: Record<string, unknown>;
  /** Backend name and versions, e.g. `wasm (tfjs 4.22.0, …)`. */
  backend: string;
  /** `rl.config.seed` in force when training began, or null. */
  seed: number | null;
  smoke: boolean;
  /** ISO time when training began. */
  startedAt: string;
  /** Wall time from train begin to train end, seconds. */
  durationSec: number;
  /** Epochs actually run (early stopping may cut them short). */
  epochs: number;
  /** Per-epoch metrics as in `History.history`: `{ loss: [...], val_loss: [...] }`. */
  history: Record<string, number[]>;
  /** Results added with `write(results)`. */
  results: Record<string, unknown>;
}

/** Default folder of run records (see {@link RunLoggerOptions.dir}). */
export function defaultRunsDir(from = process.cwd()): string {
  const runs = env.runsDir();
  if (runs) return resolve(runs);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'build', 'runs');
    if (dirname(dir) === dir) return join(resolve(from), 'build', 'runs');
  }
}

const NAME = /^[\w.-]+$/;
const OWNER = 'rl.callbacks.runLogger';

function checkName(owner: string, argument: string, value: unknown, fallback?: string): string {
  const check = checker(owner);
  const name = check.string(argument, value, fallback);
  if (name.trim() === '') throw check.error(argument, 'a non-empty string', value);
  return name;
}

/** A `tf.Callback` that records one run; see {@link runLogger}. */
export class RunLogger extends tf.Callback {
  readonly experiment: string;
  readonly run: string;
  /** The run's hyper-parameters (`params` is taken by tf.Callback for fit's own parameters). */
  readonly hyperParams: Record<string, unknown>;
  readonly file: string;
  private readonly writeOn: 'trainEnd' | 'manual';
  private history: Record<string, number[]> = {};
  private started = 0;
  private startedAt = '';
  private seedAtStart: number | null = null;
  private finished = 0;
  private tensorBoard?: tf.CustomCallbackArgs;
  private written = false;

  constructor(options: RunLoggerOptions) {
    super();
    const check = checker(OWNER);
    check.object('options', options, 'an options object { run, … }');
    check.options<RunLoggerOptions>(options, ['run', 'experiment', 'params', 'dir', 'writeOn']);
    this.run = checkName(OWNER, 'run', options.run);
    this.experiment = checkName(OWNER, 'experiment', options.experiment, 'runs');
    if (!NAME.test(this.experiment)) {
      throw check.error('experiment', "a file name of letters, digits, '.', '_' or '-'", this.experiment);
    }
    this.hyperParams = { ...(options.params === undefined ? {} : check.object('params', options.params, 'a plain object')) };
    this.writeOn = check.oneOf('writeOn', options.writeOn, ['trainEnd', 'manual'] as const, 'trainEnd');
    const dir = options.dir === undefined ? undefined : check.string('dir', options.dir);
    this.file = join(dir ? resolve(dir) : defaultRunsDir(), `${this.experiment}.jsonl`);
  }

  override async onTrainBegin(logs?: tf.Logs): Promise<void> {
    this.history = {};
    this.written = false;
    this.started = performance.now();
    this.startedAt = new Date().toISOString();
    this.seedAtStart = currentSeed() ?? null;
    this.tensorBoard = nativeTensorBoard(join(dirname(this.file), 'tensorboard', this.experiment, this.run));
    await this.tensorBoard?.onTrainBegin?.(logs);
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    for (const [key, value] of Object.entries(logs ?? {})) {
      // tfjs may pass scalar tensors in epoch logs (History resolves them the same way).
      const number = typeof value === 'number' ? value : (await (value as tf.Scalar).data())[0];
      (this.history[key] ??= []).push(number);
    }
    await this.tensorBoard?.onEpochEnd?.(epoch, logs);
  }

  override async onTrainEnd(logs?: tf.Logs): Promise<void> {
    this.finished = performance.now();
    await this.tensorBoard?.onTrainEnd?.(logs);
    if (this.writeOn === 'trainEnd') this.write();
  }

  /** The record as it stands (results included). */
  record(results: Record<string, unknown> = {}): RunRecord {
    const end = this.finished || performance.now();
    const epochs = Math.max(0, ...Object.values(this.history).map((v) => v.length));
    const backend = backendInfo();
    return {
      experiment: this.experiment,
      run: this.run,
      params: this.hyperParams,
      backend: backend ? `${backend.name} (tfjs ${backend.tfjsVersion}, ${backend.detail})` : `${tf.getBackend()} (tfjs ${tf.version.tfjs})`,
      seed: this.seedAtStart,
      smoke,
      startedAt: this.startedAt,
      durationSec: this.started ? (end - this.started) / 1000 : 0,
      epochs,
      history: this.history,
      results,
    };
  }

  /**
   * Appends the record (with `results`, e.g. test metrics) as one JSON line and returns it.
   * A run is written once: a second call is an error, so a table never counts a run twice.
   */
  write(results: Record<string, unknown> = {}): RunRecord {
    if (this.written) {
      throw new Error(`runLogger: run '${this.run}' was already written to ${this.file}`);
    }
    const record = this.record(results);
    mkdirSync(dirname(this.file), { recursive: true });
    // One appendFileSync of one line: concurrent writers never interleave within a record.
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
    this.written = true;
    return record;
  }
}

/** Creates a {@link RunLogger}: a `tf.Callback` that appends one JSON line per run. */
export function runLogger(options: RunLoggerOptions): RunLogger {
  return new RunLogger(options);
}

/** Options of {@link readRuns}. */
export interface ReadRunsOptions {
  /** Folder of the records. Defaults to {@link defaultRunsDir}. */
  dir?: string;
  /** Keep only the last record of each run name. Defaults to true. */
  latest?: boolean;
}

/**
 * Reads the records of an experiment, oldest first. A torn last line (a run interrupted while it
 * was appending) is skipped with a warning; a corrupt line before the last is an error naming it.
 */
export function readRuns(experiment: string, options: ReadRunsOptions = {}): RunRecord[] {
  const owner = 'rl.callbacks.readRuns';
  const check = checker(owner);
  checkName(owner, 'experiment', experiment);
  check.options<ReadRunsOptions>(options, ['dir', 'latest']);
  const dir = options.dir === undefined ? undefined : check.string('dir', options.dir);
  const latest = check.boolean('latest', options.latest, true);
  const file = join(dir ? resolve(dir) : defaultRunsDir(), `${experiment}.jsonl`);
  if (!existsSync(file)) {
    throw new Error(`${owner}: no run records at ${file}; train with rl.callbacks.runLogger({ experiment: '${experiment}', … }) first`);
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  const last = lines.map((l) => l.trim() !== '').lastIndexOf(true);
  const records = lines.flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as RunRecord];
    } catch (e) {
      const why = `${file} line ${i + 1} is not valid JSON (${(e as Error).message})`;
      if (i === last) {
        console.warn(`${owner}: skipped the torn last line: ${why}; ${show(line)}`);
        return [];
      }
      throw new Error(`${owner}: ${why}`);
    }
  });
  if (!latest) return records;
  const byRun = new Map<string, RunRecord>();
  for (const r of records) {
    byRun.delete(r.run); // keep first-appearance order of the latest records
    byRun.set(r.run, r);
  }
  return [...byRun.values()];
}

/** tfjs-node's TensorBoard callback when the native backend is in use; otherwise undefined. */
function nativeTensorBoard(logdir: string): tf.CustomCallbackArgs | undefined {
  if (backendInfo()?.name !== 'tensorflow') return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const node = require('@tensorflow/tfjs-node').node as { tensorBoard(dir: string): tf.CustomCallbackArgs };
    return node.tensorBoard(logdir);
  } catch {
    return undefined;
  }
}
