// Uncaught exceptions and unhandled promise rejections: they belong to a cell, never to stderr.
//
// tslab logs them to stderr and the notebook passes. Here one raised while a cell runs fails
// that cell (and stops its awaiting, as an interrupt does); one raised between cells — a timer
// or promise a finished cell left behind — is kept and fails the next cell, which then does not
// run, and the error says which cell had finished before it surfaced. Each cell runs in an
// AsyncLocalStorage context, so an error names the cell whose code scheduled the failing callback.
import { AsyncLocalStorage } from 'node:async_hooks';
import { thrownContent, withOrigin, type ErrorContent } from './errors';
import { kernelLog } from './output';

export type AsyncKind = 'uncaught exception' | 'unhandled promise rejection';

interface Running {
  count: number;
  fail(error: ErrorContent): void;
}

export class AsyncErrors {
  private running: Running | undefined;
  private lastCount: number | undefined;
  private late: ErrorContent[] = [];
  private readonly origin = new AsyncLocalStorage<number>();

  /** Listens on the process (a listener also keeps Node from exiting on these errors). */
  install(): void {
    process.on('uncaughtException', (error) => this.raise(error, 'uncaught exception'));
    process.on('unhandledRejection', (reason) => this.raise(reason, 'unhandled promise rejection'));
  }

  /** Routes errors to the cell now starting; `fail` is called once per error. */
  begin(count: number, fail: (error: ErrorContent) => void): void {
    this.running = { count, fail };
  }

  /** Runs the cell's code so that what it schedules is known to come from cell `count`. */
  within<T>(count: number, run: () => T): T {
    return this.origin.run(count, run);
  }

  /** The cell finished: later errors are kept for the next one. */
  end(): void {
    if (this.running) this.lastCount = this.running.count;
    this.running = undefined;
  }

  /** Errors that surfaced between cells, oldest first (and forgets them). */
  takeLate(): ErrorContent[] {
    const late = this.late;
    this.late = [];
    return late;
  }

  raise(thrown: unknown, kind: AsyncKind): void {
    const content = thrownContent(thrown);
    const from = this.origin.getStore();
    const running = this.running;
    if (running && (from === undefined || from === running.count)) {
      running.fail(withOrigin(content, `${kind} while cell [${running.count}] ran`));
      return;
    }
    const source = from === undefined ? 'from outside any cell' : `from code of cell [${from}]`;
    if (running) {
      running.fail(withOrigin(content, `${kind} ${source}, raised while cell [${running.count}] ran`));
      return;
    }
    const after = this.lastCount === undefined ? 'before any cell ran' : `after cell [${this.lastCount}] finished`;
    // also in Jupyter's log: after a notebook's last cell no next cell will report it
    kernelLog(`${kind} ${source}, ${after}: ${content.ename}: ${content.evalue}`);
    this.late.push(withOrigin(content, `${kind} ${source} (a timer, callback or promise it left running), raised ${after}; this cell was not run`));
  }
}
