// What a person (or a CI log) sees while notebooks run. Every run prints a start line. On a
// terminal, a live line per running notebook (cell i/N, elapsed) is redrawn below the printed
// lines every second; without one, a line per cell that took over 10 s. --log-output adds the
// kernel's outputs as they arrive, each line prefixed with its notebook.
import { clearScreenDown, moveCursor } from 'node:readline';
import type { Message } from '../jupyter/wire';
import type { RunEvents } from './execute';

/** Cells slower than this get a line of their own without a terminal. */
const SLOW_CELL_SECONDS = 10;
const REDRAW_MS = 1000;

export interface ProgressOptions {
  /** Where lines go (process.stdout). */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Live lines (default: stream.isTTY). */
  live?: boolean;
  /** Echo the kernel's outputs (--log-output). */
  logOutput?: boolean;
}

interface Running {
  name: string;
  started: number;
  cell: string;
}

export class Progress {
  private readonly running = new Set<Running>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly live: boolean;

  constructor(private readonly options: ProgressOptions) {
    this.live = options.live ?? options.stream.isTTY === true;
  }

  /** Prints whole lines above the live block. */
  print(text: string): void {
    this.erase();
    this.options.stream.write(text.endsWith('\n') ? text : `${text}\n`);
    this.draw();
  }

  /** A notebook run starts: prints its start line; the returned events follow it until `end()`. */
  start(name: string): RunEvents & { end(): void } {
    const run: Running = { name, started: Date.now(), cell: 'starting the kernel' };
    this.print(`RUN  ${name}`);
    this.running.add(run);
    if (this.live && this.timer === undefined) this.timer = setInterval(() => this.redraw(), REDRAW_MS);
    let partial = '';
    return {
      cell: (ordinal, cells, index) => {
        run.cell = `cell ${ordinal}/${cells}${index === null ? ' (injected parameters)' : ''}`;
        this.redraw();
      },
      cellDone: (index, seconds) => {
        if (!this.live && seconds > SLOW_CELL_SECONDS) {
          this.print(`SLOW ${name}: ${index === null ? 'the injected-parameters cell' : `cell ${index}`} took ${seconds.toFixed(1)} s`);
        }
      },
      output: this.options.logOutput
        ? (m: Message) => {
            partial += outputText(m);
            const lines = partial.split('\n');
            partial = lines.pop() ?? '';
            if (lines.length > 0) this.print(lines.map((l) => `  [${name}] ${l}`).join('\n'));
          }
        : undefined,
      end: () => {
        if (partial) this.print(`  [${name}] ${partial}`);
        this.running.delete(run);
        if (this.running.size === 0 && this.timer !== undefined) {
          clearInterval(this.timer);
          this.timer = undefined;
        }
        this.redraw();
      },
    };
  }

  private redraw(): void {
    this.erase();
    this.draw();
  }

  private draw(): void {
    if (!this.live || this.running.size === 0) return;
    const width = Math.max(20, (this.options.stream.columns ?? 80) - 1);
    const lines = [...this.running].map((r) => {
      const line = `  … ${r.name}: ${r.cell}, ${((Date.now() - r.started) / 1000).toFixed(0)} s`;
      return line.length > width ? `${line.slice(0, width - 1)}…` : line;
    });
    this.options.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  private erase(): void {
    if (this.drawn === 0) return;
    moveCursor(this.options.stream, 0, -this.drawn);
    clearScreenDown(this.options.stream);
    this.drawn = 0;
  }
}

/** The text of an output message: stream text, or a rich output's text/plain. */
function outputText(m: Message): string {
  const c = m.content as { text?: unknown; data?: Record<string, unknown>; ename?: unknown; evalue?: unknown };
  switch (m.header.msg_type) {
    case 'stream':
      return String(c.text ?? '');
    case 'display_data':
    case 'execute_result': {
      const plain = c.data?.['text/plain'];
      return typeof plain === 'string' ? `${plain}\n` : `[${Object.keys(c.data ?? {}).join(', ')}]\n`;
    }
    case 'error':
      return `${String(c.ename)}: ${String(c.evalue)}\n`;
    default:
      return '';
  }
}
