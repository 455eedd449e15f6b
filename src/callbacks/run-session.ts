/**
 * A run session: the run records of ONE execution of an experiment. Every logger it makes tags
 * its record with the session's id, so `records()` returns this execution's runs only, even when
 * earlier executions (or a concurrent one) appended to the same `<experiment>.jsonl`.
 *
 * ```ts
 * const session = rl.callbacks.runSession('capstone', { replace: 'default-dir' });
 * const logger = session.logger({ run: 'l2', params: { l2: 1e-3 }, writeOn: 'manual' });
 * await model.fit(xs, ys, { epochs: 20, validationData: [vx, vy], callbacks: [logger] });
 * logger.write({ testAccuracy: 0.93 });
 * session.records({ expected: 1 });    // [{ run: 'l2', params: { l2: 0.001, session: '…' }, … }]
 * ```
 */
import { existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { checker } from '../args';
import { defaultRunsDir, readRuns, runLogger, type RunLogger, type RunLoggerOptions, type RunRecord } from './run-logger';

/** Options of {@link runSession}. */
export interface RunSessionOptions {
  /** Folder of the records. Defaults to {@link defaultRunsDir} (env `REGLAB_RUNS`, else build/runs). */
  dir?: string;
  /**
   * Whether earlier records of this experiment are deleted when the session starts:
   * `'never'` keeps them (the session's own are told apart by its id); `'default-dir'` deletes
   * the file only when it lies in the default folder of the project (neither `dir` nor
   * `REGLAB_RUNS` given), so records a user collects elsewhere are never touched; `'always'`
   * deletes it wherever it is. Defaults to `'never'`.
   */
  replace?: 'never' | 'default-dir' | 'always';
}

/** The parameter every record of a session carries: the session's id. */
export const SESSION_PARAM = 'session';

/** The records of one execution; see {@link runSession}. */
export class RunSession {
  readonly experiment: string;
  /** Unique per session: process id, start time and a counter. */
  readonly id: string;
  readonly dir: string;
  /** `<dir>/<experiment>.jsonl`. */
  readonly file: string;
  /** True when earlier records were deleted at the start. */
  readonly replaced: boolean;
  /** The records this session wrote, kept in memory too (see {@link records}). */
  private readonly written: RunRecord[] = [];

  constructor(experiment: string, options: RunSessionOptions = {}) {
    const check = checker('rl.callbacks.runSession');
    check.options<RunSessionOptions>(options, ['dir', 'replace']);
    const replace = check.oneOf('replace', options.replace, ['never', 'default-dir', 'always'] as const, 'never');
    if (options.dir !== undefined) check.string('dir', options.dir);
    // The logger validates the experiment name (a file name) and resolves the folder.
    const probe = runLogger({ run: 'probe', experiment, dir: options.dir });
    this.experiment = experiment;
    this.file = probe.file;
    this.dir = options.dir ? resolve(options.dir) : defaultRunsDir();
    this.id = `${process.pid}-${Date.now().toString(36)}-${(sessions++).toString(36)}`;
    const inDefaultDir = options.dir === undefined && !process.env.REGLAB_RUNS;
    const remove = replace === 'always' || (replace === 'default-dir' && inDefaultDir);
    this.replaced = remove && existsSync(this.file);
    if (this.replaced) unlinkSync(this.file);
  }

  /** A {@link RunLogger} for this session's experiment and folder; its params carry the session id. */
  logger(options: Omit<RunLoggerOptions, 'experiment' | 'dir'>): RunLogger {
    if (options === null || typeof options !== 'object') checker('rl.callbacks.runSession.logger').options(options, []);
    const logger = runLogger({
      ...options, experiment: this.experiment, dir: this.dir,
      params: { ...(options.params ?? {}), [SESSION_PARAM]: this.id },
    });
    const write = logger.write.bind(logger);
    logger.write = (results?: Record<string, unknown>): RunRecord => {
      const record = write(results);
      this.written.push(record);
      return record;
    };
    return logger;
  }

  /**
   * This session's records, read back from the file, in the order written. If the file lost some
   * of them (a concurrent execution with `replace` deleted it meanwhile), the copies this session
   * kept in memory are returned instead, so concurrent executions never break each other. With
   * `expected`, a different count of records written is an error.
   */
  records(options: { expected?: number } = {}): RunRecord[] {
    const all = existsSync(this.file) ? readRuns(this.experiment, { dir: this.dir, latest: false }) : [];
    const fromFile = all.filter((r) => r.params[SESSION_PARAM] === this.id);
    const mine = fromFile.length === this.written.length ? fromFile : this.written.slice();
    const expected = options.expected;
    if (expected !== undefined && mine.length !== expected) {
      throw new Error(`runSession: this session wrote ${mine.length} records, expected ${expected}`);
    }
    return mine;
  }

  /** One line for the notebook: where the records go and whether earlier ones were removed. */
  describe(): string {
    return this.replaced
      ? `records go to ${this.file} (earlier records of '${this.experiment}' deleted)`
      : `records go to ${this.file} (earlier records kept; this session's are tagged ${this.id})`;
  }
}

let sessions = 0;

/** Starts a {@link RunSession} for `experiment`. */
export function runSession(experiment: string, options: RunSessionOptions = {}): RunSession {
  return new RunSession(experiment, options);
}
