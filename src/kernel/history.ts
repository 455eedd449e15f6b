// The kernel's input history (history_request): this process's cells, kept in memory.
//
// Entries are (session, line, input) or (session, line, [input, output]) with session 1 for the
// running kernel (no history is kept across restarts) and line = the execution count.

export type HistoryEntry = [number, number, string] | [number, number, [string, string | null]];

export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: 'tail' | 'range' | 'search';
  session?: number;
  start?: number;
  stop?: number;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

export const SESSION = 1;

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

export class History {
  private readonly cells: Cell[] = [];

  /** Records the code of execution `line` (its count). */
  add(line: number, input: string): void {
    this.cells.push({ line, input, output: null });
  }

  /** Records the text/plain of execution `line`'s result. */
  setOutput(line: number, output: string): void {
    const cell = this.cells.find((c) => c.line === line);
    if (cell) cell.output = output;
  }

  /** Answers a history_request; an unknown access type or another session gives []. */
  query(request: HistoryRequest): HistoryEntry[] {
    const entry = (c: Cell): HistoryEntry =>
      request.output ? [SESSION, c.line, [c.input, c.output]] : [SESSION, c.line, c.input];
    switch (request.hist_access_type) {
      case 'tail':
        return lastN(this.cells, request.n).map(entry);
      case 'range': {
        // session 0 or a negative session means "relative to the current one": only ours exists.
        if (request.session !== undefined && request.session > 0 && request.session !== SESSION) return [];
        const start = request.start ?? 0;
        const stop = request.stop ?? Number.POSITIVE_INFINITY;
        return this.cells.filter((c) => c.line >= start && c.line < stop).map(entry);
      }
      case 'search': {
        const match = globToRegExp(request.pattern ?? '*');
        let found = this.cells.filter((c) => match.test(c.input));
        if (request.unique) found = found.filter((c, i) => !found.slice(i + 1).some((d) => d.input === c.input));
        return lastN(found, request.n).map(entry);
      }
      default:
        return [];
    }
  }
}

function lastN<T>(items: T[], n: number | null | undefined): T[] {
  return n === undefined || n === null ? items.slice() : items.slice(Math.max(0, items.length - n));
}

/** IPython's history search pattern: a glob (`*` any run, `?` one character) over the whole input. */
export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
