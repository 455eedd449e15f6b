// `-p name=value` (or papermill's `-p name value`) parameters, injected papermill-style: a code cell
// tagged `injected-parameters` right after the cell tagged `parameters` (at the top when there is
// none). Cells tagged `injected-parameters` already in a source (left by another tool) are dropped,
// and the injected cell never reaches a source notebook (see withoutInjected). The notebook
// convention declares parameters with `let`, so the injected cell assigns (`name = value;`). Values
// are checked against the declared type first (declarations.ts); the assignments sit in a block
// because tslab echoes the value of a cell's last top-level expression.
import type { ICodeCell, INotebookContent } from '@jupyterlab/nbformat';
import { TAG, tagsOf, uniqueId } from './notebook';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Parameter {
  name: string;
  /** The text given on the command line. */
  raw: string;
  /** The raw text read as JSON, or the raw text itself when it is not JSON. */
  value: JsonValue;
}

/** A parameter ready to inject into one notebook: `name = literal;`. */
export interface Assignment {
  name: string;
  /** A TypeScript literal. */
  literal: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Parses `name=value`; throws an Error naming the problem and the value received (the CLI turns
 * it into exit 2). Non-finite numbers (`1e999`) and `null` are rejected: JSON cannot carry them
 * and a notebook's `let` parameter never means "no value".
 */
export function parseParameter(text: string): Parameter {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`-p expects name=value or name value; received ${JSON.stringify(text)}`);
  const name = text.slice(0, at).trim();
  const raw = text.slice(at + 1);
  if (!IDENTIFIER.test(name)) {
    throw new Error(`-p: parameter name must be a JavaScript identifier; received ${JSON.stringify(name)}`);
  }
  const value = readValue(raw);
  checkValue(name, raw, value);
  return { name, raw, value };
}

/** JSON when it parses (`1e999` parses, to Infinity), else the text as a string. */
function readValue(raw: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return raw;
  }
}

function checkValue(name: string, raw: string, value: JsonValue): void {
  const bad = badPart(value);
  if (bad !== undefined) {
    throw new Error(`-p ${name}: ${bad} is not a parameter value (finite numbers, strings, booleans, arrays and objects only); `
      + `received ${JSON.stringify(raw)}`);
  }
}

/** The first null or non-finite number inside `value`, described; undefined when there is none. */
function badPart(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `the non-finite number ${value}`;
  if (Array.isArray(value)) return value.map(badPart).find((b) => b !== undefined);
  if (typeof value === 'object') return Object.values(value).map(badPart).find((b) => b !== undefined);
  return undefined;
}

/**
 * Turns papermill's `-p name value` into `-p name=value` (commander takes one value per option).
 * `-p a=1` and `--parameter=a=1` are left as they are.
 */
export function normalizeParameterArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if ((arg === '-p' || arg === '--parameter') && next !== undefined && !next.includes('=') && argv[i + 2] !== undefined) {
      out.push(arg, `${next}=${argv[i + 2]}`);
      i += 2;
      continue;
    }
    out.push(arg);
  }
  return out;
}

export interface Injection {
  notebook: INotebookContent;
  /** Index of the injected cell in the returned notebook, or -1 when nothing was injected. */
  index: number;
  /** True when the notebook has no `parameters` cell (the injected cell went to the top). */
  noParametersCell: boolean;
  /** How many `injected-parameters` cells the source already had (dropped). */
  dropped: number;
}

export function injectParameters(nb: INotebookContent, assignments: Assignment[]): Injection {
  const cells = withoutInjected(nb.cells);
  const dropped = nb.cells.length - cells.length;
  if (assignments.length === 0) {
    return { notebook: dropped > 0 ? { ...nb, cells } : nb, index: -1, noParametersCell: false, dropped };
  }
  const anchor = cells.findIndex((c) => c.cell_type === 'code' && tagsOf(c).includes(TAG.parameters));
  const used = new Set(cells.map((c) => c.id).filter((id): id is string => typeof id === 'string'));
  const cell: ICodeCell = {
    id: uniqueId(used, TAG.injected),
    cell_type: 'code',
    metadata: { tags: [TAG.injected] },
    execution_count: null,
    outputs: [],
    source: [
      '// Parameters injected by the reglab runner (-p)\n',
      '{\n',
      ...assignments.map((p) => `  ${p.name} = ${p.literal};\n`),
      '}\n',
    ],
  };
  const index = anchor + 1; // 0 when there is no parameters cell
  cells.splice(index, 0, cell);
  return { notebook: { ...nb, cells }, index, noParametersCell: anchor < 0, dropped };
}

/** The cells without any tagged `injected-parameters`: what a source notebook may contain. */
export function withoutInjected<C extends INotebookContent['cells'][number]>(cells: C[]): C[] {
  return cells.filter((c) => !tagsOf(c).includes(TAG.injected));
}
