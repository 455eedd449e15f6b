// The content of Jupyter `error` messages and error replies: ename, evalue, traceback.
import { dirname } from 'node:path';
import { inspect } from 'node:util';

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Folders of the kernel's own code (this one and tslab's dist/). */
const KERNEL_DIRS = [__dirname, dirname(require.resolve('tslab/dist/executor'))];
/** Stack frames of the kernel itself or of Node, not of the user's code: left out of tracebacks. */
const isKernelFrame = (line: string): boolean => /\(node:|at node:/.test(line) || KERNEL_DIRS.some((d) => line.includes(d));

/**
 * A thrown value as error content. An Error gives its name, message and stack (kernel frames
 * dropped; `evalmachine.<anonymous>:L:C` frames are positions in the cell's compiled JavaScript);
 * anything else thrown (`throw 'x'`) is named by its type and shown with util.inspect.
 */
export function thrownContent(thrown: unknown): ErrorContent {
  if (thrown instanceof Error) {
    const ename = thrown.name || thrown.constructor?.name || 'Error';
    const evalue = thrown.message;
    const frames = (thrown.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line) && !isKernelFrame(line));
    return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
  }
  const ename = thrown === null ? 'null' : typeof thrown === 'object' ? 'Object' : typeof thrown;
  const evalue = inspect(thrown);
  return { ename: `Thrown ${ename}`, evalue, traceback: [`Uncaught ${evalue}`] };
}

/** One TypeScript diagnostic; line and column 1-based, in the cell (or in `file` when imported). */
export interface CompileDiagnostic {
  file?: string;
  line: number;
  column: number;
  message: string;
}

/**
 * TypeScript compile errors: `L:C - message` per diagnostic (1-based line and column in the cell,
 * as tslab prints them). evalue holds them all, so a client that shows one line still shows each.
 */
export function compileContent(diagnostics: CompileDiagnostic[]): ErrorContent {
  const lines = diagnostics.map((d) => `${d.file ? `${d.file} ` : ''}${d.line}:${d.column} - ${d.message}`);
  return { ename: 'CompileError', evalue: lines.join('\n'), traceback: ['TypeScript compile error', ...lines] };
}

/** Prefixes the error's value and traceback with where it came from (async errors). */
export function withOrigin(content: ErrorContent, origin: string): ErrorContent {
  return {
    ename: content.ename,
    evalue: `${content.evalue} (${origin})`,
    traceback: [origin, ...content.traceback],
  };
}
