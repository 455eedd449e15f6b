// The MIME bundle of a cell's last expression (the `Out[n]` of an execute_result).
import { inspect } from 'node:util';

/**
 * Objects may give their own rich output through a method under this symbol, returning a MIME
 * bundle — the convention of Deno's Jupyter kernel:
 *
 *     class Table { [Symbol.for('Jupyter.display')]() { return { 'text/html': '<table>…</table>' }; } }
 *
 * `text/plain` is filled in with util.inspect when the bundle has none.
 */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

export type MimeBundle = Record<string, unknown>;

/** text/plain is util.inspect of the value (strings quoted, like Python's repr), plus any rich repr. */
export function resultBundle(value: unknown): MimeBundle {
  const plain = inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
  const repr = richRepr(value);
  return repr ? { 'text/plain': plain, ...repr } : { 'text/plain': plain };
}

function richRepr(value: unknown): MimeBundle | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const method = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  if (typeof method !== 'function') return undefined;
  const bundle = (method as () => unknown).call(value);
  if (bundle === null || typeof bundle !== 'object') return undefined;
  return bundle as MimeBundle;
}
