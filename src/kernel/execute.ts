// execute_request: one cell, in the order of the messaging spec —
// busy → execute_input (with the count) → streams/displays → execute_result or error →
// execute_reply → idle (busy and idle come from the server). The reply is sent only when the
// cell has really finished: its top-level awaits settled and its promise rejections surfaced.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Message } from '../jupyter/wire';
import type { AsyncErrors } from './async-errors';
import { compileContent, thrownContent, type CompileDiagnostic, type ErrorContent } from './errors';
import type { History } from './history';
import { resultBundle } from './result';
import type { RequestContext } from './server';
import type { Executor, ExecutorConsole } from './tslab';

export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

/** The format tslab's executor prints each diagnostic with. */
const DIAGNOSTIC_FORMAT = '%s%d:%d - %s';
/** The message of the error tslab's executor rejects an interrupted await with. */
const TSLAB_INTERRUPTED = 'Interrupted asynchronously';

interface CellOutcome {
  error?: ErrorContent;
  /** Present when the cell's last expression had a value other than null/undefined. */
  value?: { of: unknown };
}

/** What the executor reports while one cell runs. */
interface CellReport {
  value?: { of: unknown };
  diagnostics: CompileDiagnostic[];
  thrown: unknown[];
}

export interface ExecutionOptions {
  asyncErrors: AsyncErrors;
  history: History;
  /** Makes `request` the parent of stdout/stderr/display output from now on. */
  setOutputParent(request: Message): void;
  /** Writes text to the cell's stderr. */
  writeStderr(text: string): void;
}

export class Execution {
  /** The execution count: cells run with store_history. */
  count = 0;
  readonly executor: Executor;
  private report: CellReport | undefined;

  constructor(
    createExecutor: (console: ExecutorConsole) => Executor,
    private readonly options: ExecutionOptions,
  ) {
    this.executor = createExecutor({
      log: (value) => {
        if (this.report) this.report.value = { of: value };
      },
      error: (first, ...rest) => this.onExecutorError(first, rest),
    });
  }

  readonly handle = async (context: RequestContext): Promise<void> => {
    const request = context.request.content as unknown as ExecuteRequest;
    const silent = request.silent === true;
    const store = request.store_history !== false && !silent;
    if (store) this.count++;
    const count = this.count;
    this.options.setOutputParent(context.request);
    if (!silent) await context.publish('execute_input', { code: request.code, execution_count: count });
    if (store) this.options.history.add(count, request.code);

    const late = this.options.asyncErrors.takeLate();
    const outcome: CellOutcome = late.length > 0 ? { error: joinErrors(late) } : await this.run(request.code, count);

    if (outcome.value && !silent) {
      const data = resultBundle(outcome.value.of);
      await context.publish('execute_result', { execution_count: count, data, metadata: {} });
      if (store) this.options.history.setOutput(count, String(data['text/plain']));
    }
    if (outcome.error) {
      await context.publish('error', outcome.error);
      await context.reply('execute_reply', { status: 'error', execution_count: count, ...outcome.error });
      if (request.stop_on_error !== false) await abortQueued(context, count);
      return;
    }
    await context.reply('execute_reply', { status: 'ok', execution_count: count, payload: [], user_expressions: {} });
  };

  private async run(code: string, count: number): Promise<CellOutcome> {
    const report: CellReport = { diagnostics: [], thrown: [] };
    let asyncError: ErrorContent | undefined;
    this.report = report;
    this.options.asyncErrors.begin(count, (error) => {
      asyncError ??= error;
      this.executor.interrupt(); // stop awaiting: the cell has failed
    });
    let ok: boolean;
    try {
      ok = await this.options.asyncErrors.within(count, () => this.executor.execute(code));
      // A promise the cell rejected without handling is reported after the current macrotask.
      await nextMacrotask();
    } catch (error) {
      ok = false;
      report.thrown.push(error);
    } finally {
      this.options.asyncErrors.end();
      this.report = undefined;
    }
    if (asyncError) return { error: asyncError };
    if (ok) {
      // Module cells (`//%module`) register even with diagnostics: show them as warnings.
      if (report.diagnostics.length > 0) this.options.writeStderr(compileContent(report.diagnostics).evalue + '\n');
      return { value: report.value };
    }
    if (report.diagnostics.length > 0) return { error: compileContent(report.diagnostics) };
    return { error: errorOf(report.thrown[0]) };
  }

  private onExecutorError(first: unknown, rest: unknown[]): void {
    const report = this.report;
    if (!report) return;
    if (first === DIAGNOSTIC_FORMAT) {
      const [file, line, column, message] = rest as [string, number, number, string];
      report.diagnostics.push({ file: file.trim() || undefined, line, column, message });
    } else {
      report.thrown.push(first);
    }
  }
}

/** A thrown value as error content; tslab's interrupt and vm's SIGINT break read as interrupts. */
function errorOf(thrown: unknown): ErrorContent {
  const content = thrownContent(thrown);
  const sigint = (thrown as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED';
  if (sigint || (thrown instanceof Error && thrown.message === TSLAB_INTERRUPTED)) {
    const evalue = 'the cell was interrupted (interrupt_request or SIGINT)';
    return { ename: 'Interrupted', evalue, traceback: [`Interrupted: ${evalue}`] };
  }
  return content;
}

function joinErrors(errors: ErrorContent[]): ErrorContent {
  const [first, ...more] = errors;
  if (more.length === 0) return first;
  return {
    ename: first.ename,
    evalue: `${first.evalue} (and ${more.length} more)`,
    traceback: [...first.traceback, ...more.flatMap((e) => ['', ...e.traceback])],
  };
}

/** stop_on_error: execute requests already waiting are answered `aborted`, not run. */
async function abortQueued(context: RequestContext, count: number): Promise<void> {
  for (const queued of context.takeQueued('execute_request')) {
    await queued.publish('status', { execution_state: 'busy' });
    await queued.reply('execute_reply', { status: 'aborted', execution_count: count });
    await queued.publish('status', { execution_state: 'idle' });
  }
}
