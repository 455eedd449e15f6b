// Executing one notebook: load → check and inject parameters → start a kernel in the notebook's
// folder → run code cells in order → kill the kernel → write the executed copy atomically.
import type { ICodeCell, INotebookContent } from '@jupyterlab/nbformat';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Message } from '../jupyter/wire';
import { assignmentsFor } from './declarations';
import { executionSettings, type ExecutionSettings } from './execution-metadata';
import { CellTimeoutError, Kernel, LostRequestError, type ExecuteReply } from './kernel';
import { displayPath as shown, freshCopy, isCodeCell, loadNotebook, serializeNotebook, sourceText, TAG, tagsOf, writeAtomic } from './notebook';
import { CellOutputs, DisplayRegistry } from './outputs';
import { injectParameters, withoutInjected, type Parameter } from './parameters';
import type { CellRecord, CellStatus, Failure, NotebookResult } from './report';
import { cellName } from './report';

/** What a running notebook tells the progress display. Every callback is optional. */
export interface RunEvents {
  /** The kernel is up; `cells` code cells will run. */
  started?(cells: number): void;
  /** Code cell `ordinal` (1-based among code cells) of `cells` starts. */
  cell?(ordinal: number, cells: number, index: number | null): void;
  /** A cell finished after `seconds`. */
  cellDone?(index: number | null, seconds: number): void;
  /** An iopub output message of the running cell (for --log-output). */
  output?(message: Message): void;
}

export interface RunOptions {
  /** Folder for executed copies (ignored with `inplace`). */
  outDir: string;
  inplace: boolean;
  smoke: boolean;
  /** Default time limit per cell; metadata.execution.timeout overrides it. */
  timeoutMs: number;
  /** Default for metadata.execution.allow_errors (false). */
  allowErrors?: boolean;
  parameters: Parameter[];
  /** A kernel executable instead of the bundled tslab (`--kernel`). */
  kernelExecutable?: string;
  kernelStartTimeoutMs: number;
  /** Output bytes (stream text and rich data) kept per cell; more is an output flood. */
  maxOutputBytes: number;
  /** The seed of this run (--seeds): injected as `seed = K` and recorded in the result. */
  seed?: number;
  events?: RunEvents;
}

/** tslab rejects requests that arrive within 200 ms after an error (its queue reset delay). */
const AFTER_ERROR_DELAY_MS = 250;
const SOURCE_PREVIEW_LINES = 5;

export async function runNotebook(path: string, options: RunOptions): Promise<NotebookResult> {
  const started = performance.now();
  const result: NotebookResult = { notebook: shown(path), status: 'failed', seconds: 0, cells: [] };
  if (options.seed !== undefined) result.seed = options.seed;
  const finish = (failure: Failure | undefined): NotebookResult => {
    result.failure = failure;
    result.status = failure === undefined ? 'passed' : 'failed';
    result.seconds = round((performance.now() - started) / 1000);
    return result;
  };

  let source: INotebookContent;
  let settings: ExecutionSettings;
  try {
    source = loadNotebook(path, result.notebook);
    settings = executionSettings(source, result.notebook, { timeoutMs: options.timeoutMs, allowErrors: options.allowErrors ?? false });
  } catch (e) {
    return finish({ kind: 'malformed-notebook', message: (e as Error).message });
  }
  let injected;
  try {
    injected = injectParameters(source, assignmentsFor(source, result.notebook, options.parameters));
  } catch (e) {
    return finish({ kind: 'bad-parameter', message: (e as Error).message });
  }
  if (injected.dropped > 0) {
    process.stderr.write(`warning: ${result.notebook} has a cell tagged \`${TAG.injected}\` (left by an earlier run); it is not run\n`);
  }
  if (injected.noParametersCell) {
    process.stderr.write(`warning: ${result.notebook} has no cell tagged \`parameters\`; -p values injected at the top\n`);
  }
  const origin = injected.notebook.cells.map((c) => {
    const i = source.cells.indexOf(c);
    return i < 0 ? null : i;
  });
  // No re-runs: the reglab kernel serializes its sends and loses no request (test/kernel/stress.test.ts:
  // 4 kernels × 200 cells, 0 lost). A request it never acknowledges is a kernel defect, reported
  // as such; `retries` stays in report.json, always 0, for tools that read it.
  result.retries = 0;
  try {
    return await runOnce(path, freshCopy(injected.notebook), origin, { ...options, ...settings }, result, finish);
  } catch (e) {
    if (!(e instanceof LostRequestError)) throw e;
    return finish({ kind: 'lost-request', message: `${result.notebook}: ${e.message}` });
  }
}

type Settled = RunOptions & ExecutionSettings;

/** One run of the notebook in a fresh kernel; throws LostRequestError when the kernel lost a cell. */
async function runOnce(
  path: string,
  notebook: INotebookContent,
  origin: (number | null)[],
  options: Settled,
  result: NotebookResult,
  finish: (failure: Failure | undefined) => NotebookResult,
): Promise<NotebookResult> {
  let kernel: Kernel;
  try {
    const t = performance.now();
    const started = await Kernel.start({
      executable: options.kernelExecutable,
      cwd: dirname(resolve(path)),
      // REGLAB_HEADLESS tells reglab no person watches: live plots print a line per epoch.
      env: { ...process.env, REGLAB_HEADLESS: '1', ...(options.smoke ? { REGLAB_SMOKE: '1' } : {}) },
      startTimeoutMs: options.kernelStartTimeoutMs,
    });
    kernel = started.kernel;
    result.kernelStartSeconds = round((performance.now() - t) / 1000);
    result.kernelPid = kernel.pid;
    const languageInfo = started.info.language_info;
    if (languageInfo && typeof languageInfo === 'object') {
      notebook.metadata.language_info = languageInfo as INotebookContent['metadata']['language_info'];
    }
  } catch (e) {
    const message = (e as Error).message;
    return finish({ kind: /not found|not installed/.test(message) ? 'kernel-missing' : 'kernel-start', message });
  }

  let failure: Failure | undefined;
  try {
    failure = await executeCells(kernel, notebook, origin, options, result.cells);
  } finally {
    await kernel.shutdown();
  }

  const target = options.inplace ? path : join(options.outDir, basename(path));
  // In place, the executed notebook becomes the source again: the -p values must not stay in it.
  const written = options.inplace ? { ...notebook, cells: withoutInjected(notebook.cells) } : notebook;
  try {
    writeAtomic(target, serializeNotebook(written));
    result.output = shown(target);
  } catch (e) {
    failure ??= { kind: 'write-failed', message: `could not write ${target}: ${(e as Error).message}` };
  }
  return finish(failure);
}

async function executeCells(
  kernel: Kernel,
  notebook: INotebookContent,
  origin: (number | null)[],
  options: Settled,
  records: CellRecord[],
): Promise<Failure | undefined> {
  const displays = new DisplayRegistry();
  const code = notebook.cells.flatMap((cell, i) => (isCodeCell(cell) ? [{ cell, index: origin[i] }] : []));
  options.events?.started?.(code.length);
  let afterError = false;
  let failure: Failure | undefined;
  for (const [ordinal, { cell, index }] of code.entries()) {
    const text = sourceText(cell);
    let outputIncomplete = false;
    const record = (status: CellStatus, seconds = 0): void => {
      const entry: CellRecord = { index, status, seconds: round(seconds), execution_count: cell.execution_count };
      if (outputIncomplete) entry.outputIncomplete = true;
      records.push(entry);
      if (status !== 'skipped' && status !== 'not-run') options.events?.cellDone?.(index, entry.seconds);
    };
    if (failure !== undefined) {
      record('not-run');
      continue;
    }
    if (tagsOf(cell).includes(TAG.skip) || text.trim() === '') {
      record('skipped');
      continue;
    }
    options.events?.cell?.(ordinal + 1, code.length, index);
    if (afterError) await new Promise((r) => setTimeout(r, AFTER_ERROR_DELAY_MS));
    afterError = false;

    const outputs = new CellOutputs(displays, options.maxOutputBytes);
    cell.outputs = outputs.outputs; // the same array, filled live
    const t = performance.now();
    let reply: ExecuteReply;
    try {
      const execution = await kernel.execute(text, options.timeoutMs, (m) => {
        outputs.handle(m);
        options.events?.output?.(m);
      });
      reply = execution.reply;
      if (!execution.outputComplete) {
        outputIncomplete = true;
        outputs.noteIncomplete();
      }
    } catch (e) {
      outputs.finish();
      if (e instanceof LostRequestError) throw e;
      const timeout = e instanceof CellTimeoutError;
      record(timeout ? 'timeout' : 'kernel-died', (performance.now() - t) / 1000);
      const error = e as Error;
      const what = timeout ? `${cellName(index)} ${error.message}; the kernel was killed` : `${cellName(index)}: ${error.message}`;
      failure = cellFailure(timeout ? 'timeout' : 'kernel-died', what, index, cell, error.name, error.message, outputs.stderr);
      continue;
    }
    outputs.finish();
    cell.execution_count = typeof reply.execution_count === 'number' ? reply.execution_count : null;
    const seconds = (performance.now() - t) / 1000;

    if (outputs.droppedBytes > 0) {
      record('output-flood', seconds);
      const message = `${cellName(index)} wrote more than ${options.maxOutputBytes} bytes of output ` +
        `(${outputs.droppedBytes} bytes dropped): output flood`;
      failure = cellFailure('output-flood', message, index, cell, 'OutputFlood', message, '');
      continue;
    }
    if (reply.status !== 'ok') {
      afterError = true;
      if (reply.status === 'error' && tagsOf(cell).includes(TAG.raises)) {
        record('expected-error', seconds);
        continue;
      }
      if (options.allowErrors) {
        record('allowed-error', seconds);
        continue;
      }
      record('error', seconds);
      const error = describeError(reply, outputs);
      const message = `${cellName(index)} raised ${error.ename}: ${firstLine(error.evalue)}`;
      failure = { kind: 'cell-error', message, cell: { index, source: preview(cell), ...error } };
      continue;
    }
    record('ok', seconds);
  }
  return failure;
}

function cellFailure(
  kind: Failure['kind'],
  message: string,
  index: number | null,
  cell: ICodeCell,
  ename: string,
  evalue: string,
  stderr: string,
): Failure {
  return { kind, message, cell: { index, source: preview(cell), ename, evalue, traceback: lines(stderr) } };
}

/**
 * The error of a failed cell. Kernels that follow the spec put ename/evalue/traceback in the reply
 * or an `error` output; tslab prints the error to stderr instead (`Error: msg` + stack, or
 * `line:col - message` type-check diagnostics), so we read it from there.
 */
export function describeError(reply: ExecuteReply, outputs: CellOutputs): { ename: string; evalue: string; traceback: string[] } {
  if (reply.ename) return { ename: reply.ename, evalue: reply.evalue ?? '', traceback: reply.traceback ?? [] };
  if (outputs.error) return { ename: outputs.error.ename, evalue: outputs.error.evalue, traceback: outputs.error.traceback };
  if (reply.status === 'abort') return { ename: 'Aborted', evalue: 'the kernel aborted the request', traceback: [] };
  const traceback = lines(outputs.stderr).filter((l) => !INTERNAL_FRAME.test(l));
  const diagnostics = traceback.filter((l) => DIAGNOSTIC.test(l));
  if (diagnostics.length > 0) return { ename: 'TypeScriptError', evalue: diagnostics.join('\n'), traceback };
  for (const [at, line] of traceback.entries()) {
    const m = ERROR_LINE.exec(line);
    if (!m) continue;
    // The message runs on until the first stack frame (assertion diffs span several lines).
    const end = traceback.findIndex((l, i) => i > at && /^\s+at /.test(l));
    const rest = traceback.slice(at + 1, end < 0 ? traceback.length : end);
    return { ename: m[1], evalue: [m[2], ...rest].join('\n').trim(), traceback };
  }
  const first = traceback.find((l) => l.trim() !== '' && !/^evalmachine\./.test(l)) ?? '';
  return { ename: 'Error', evalue: first || '(no message)', traceback };
}

/** tslab type-check diagnostics: `[file ]line:col - message`. */
const DIAGNOSTIC = /^(?:\S+\.[cm]?tsx? )?\d+:\d+ - /;
/** `TypeError: msg`, `AssertionError [ERR_ASSERTION]: msg`, `Uncaught Error: msg`. */
const ERROR_LINE = /^(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception|Rejection)|Error)(?: \[\w+\])?: ?(.*)$/;
/** Stack frames inside tslab and node:vm say nothing about the notebook. */
const INTERNAL_FRAME = /^\s+at .*(node_modules[\\/]tslab[\\/]|\(node:vm:|node:internal)/;

function preview(cell: ICodeCell): string {
  const all = sourceText(cell).split('\n');
  const head = all.slice(0, SOURCE_PREVIEW_LINES).map((l) => (l.length > 120 ? `${l.slice(0, 117)}...` : l));
  return all.length > SOURCE_PREVIEW_LINES ? [...head, '...'].join('\n') : head.join('\n');
}

function lines(text: string, max = 60): string[] {
  const all = text.replace(/\s+$/, '').split('\n').filter((l, i, a) => l !== '' || i < a.length - 1);
  return all.length > max ? [...all.slice(0, max), `... (${all.length - max} more lines)`] : all;
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0];
}


function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
