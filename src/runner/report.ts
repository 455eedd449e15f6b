// What a run produced: the per-notebook result, its console lines, and report.json.
// report.json (default: in the --out folder, so build/notebooks/report.json; or --report <file>) is a
// `Report`: { version: 1, started, seconds, options, passed, failed, notebooks: NotebookResult[] },
// each notebook with status, seed (with --seeds), wall seconds, kernel start seconds, kernel pid,
// per-cell records (source cell index, status, seconds, execution_count) and, when failed, the
// failure (kind, message, and the cell: index, source start, ename, evalue, traceback). Times are
// in seconds. With --seeds, each seed also gets its own report (seed-K/report.json beside it).
import { writeAtomic } from './notebook';

/**
 * `allowed-error`: failed under metadata.execution.allow_errors; `not-run`: after the cell that
 * failed the notebook.
 */
export type CellStatus =
  | 'ok'
  | 'error'
  | 'expected-error'
  | 'allowed-error'
  | 'skipped'
  | 'not-run'
  | 'timeout'
  | 'kernel-died'
  | 'output-flood';

export interface CellRecord {
  /** Index in the source notebook's `cells` (all cell types, 0-based); null for the injected cell. */
  index: number | null;
  status: CellStatus;
  seconds: number;
  execution_count: number | null;
  /** Present (true) when the kernel lost some of this cell's iopub messages. */
  outputIncomplete?: true;
}

export type FailureKind =
  | 'malformed-notebook'
  | 'bad-parameter'
  | 'kernel-missing'
  | 'kernel-start'
  | 'cell-error'
  | 'timeout'
  | 'kernel-died'
  | 'lost-request'
  | 'output-flood'
  | 'write-failed';

export interface Failure {
  kind: FailureKind;
  message: string;
  /** The failing cell, when one is to blame. */
  cell?: {
    index: number | null;
    /** The first lines of its source. */
    source: string;
    ename: string;
    evalue: string;
    traceback: string[];
  };
}

export interface NotebookResult {
  notebook: string;
  /** The seed this run injected (`--seeds`). */
  seed?: number;
  status: 'passed' | 'failed';
  /** The executed copy (absent when nothing could be written). */
  output?: string;
  seconds: number;
  kernelStartSeconds?: number;
  /** The kernel's process id (= its process group id); it is killed when the notebook ends. */
  kernelPid?: number;
  cells: CellRecord[];
  failure?: Failure;
  /**
   * Re-runs of the notebook. Always 0: the runner no longer re-runs a notebook whose kernel lost a
   * request (the reglab kernel loses none; a lost request fails the notebook as `lost-request`).
   * Kept for tools that read report.json.
   */
  retries?: number;
}

export interface Report {
  version: 1;
  started: string;
  seconds: number;
  options: {
    smoke: boolean;
    timeoutSeconds: number;
    jobs: number;
    /** -p values as given on the command line. */
    parameters: Record<string, string>;
    /** --seeds, when given (this report's seed only, in a per-seed report). */
    seeds?: number[];
    /** --shard as "i/n", when given. */
    shard?: string;
  };
  passed: number;
  failed: number;
  notebooks: NotebookResult[];
}

export function writeReport(path: string, report: Report): void {
  writeAtomic(path, JSON.stringify(report, null, 2) + '\n');
}

/** One summary line per notebook. */
export function summaryLine(r: NotebookResult): string {
  const ran = r.cells.filter((c) => c.status !== 'skipped' && c.status !== 'not-run').length;
  const head = `${r.status === 'passed' ? 'PASS' : 'FAIL'} ${runName(r)} (${r.seconds.toFixed(1)} s, ${ran} cell${ran === 1 ? '' : 's'} run)`;
  const incomplete = r.cells.filter((c) => c.outputIncomplete).length;
  const note = (incomplete > 0 ? ` [output incomplete in ${incomplete} cell${incomplete === 1 ? '' : 's'}]` : '');
  if (r.failure === undefined) return `${head} → ${r.output ?? '(not written)'}${note}`;
  const where = r.failure.cell ? ` at ${cellName(r.failure.cell.index)}` : '';
  return `${head}: ${r.failure.kind}${where}${note}`;
}

/** The detailed failure block: notebook, cell index, source start, ename, evalue, traceback. */
export function failureDetails(r: NotebookResult): string {
  const f = r.failure;
  if (f === undefined) return '';
  const lines = [`---- ${runName(r)}: ${f.message}`];
  if (f.cell) {
    lines.push(`  ${cellName(f.cell.index)}, source:`);
    lines.push(...f.cell.source.split('\n').map((l) => `  | ${l}`));
    lines.push(`  ${f.cell.ename}: ${f.cell.evalue}`);
    lines.push(...f.cell.traceback.map((l) => `  ${l}`));
  }
  if (r.output) lines.push(`  executed copy: ${r.output}`);
  return lines.join('\n');
}

/** The notebook, with its seed when the run had one: `03-elastic-net.ipynb [seed 2]`. */
export function runName(r: Pick<NotebookResult, 'notebook' | 'seed'>): string {
  return r.seed === undefined ? r.notebook : `${r.notebook} [seed ${r.seed}]`;
}

export function cellName(index: number | null): string {
  return index === null ? 'the injected-parameters cell' : `cell ${index}`;
}

/** The final line CI reads: exactly `N passed, N failed`. */
export function totalsLine(results: NotebookResult[]): string {
  const passed = results.filter((r) => r.status === 'passed').length;
  return `${passed} passed, ${results.length - passed} failed`;
}
