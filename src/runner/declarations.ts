// What a notebook's `parameters` cell declares (`let epochs = 30;`, `let mode: 'a' | 'b' = 'a';`),
// and the check of each -p value against it before anything runs: a number where a number is
// declared, a string where a string is, one of the listed literals for a union of strings.
// Declarations whose type cannot be read from the cell (`let n = rl.config.budget(…)`) are left to
// tslab's own type check of the injected assignment.
import type { INotebookContent } from '@jupyterlab/nbformat';
import { sourceText, TAG, tagsOf } from './notebook';
import type { Assignment, JsonValue, Parameter } from './parameters';

export type Kind = 'number' | 'string' | 'boolean' | 'array' | 'object' | 'unknown';

export interface Declaration {
  name: string;
  kind: Kind;
  /** For arrays: the kind of the elements, when declared or evident. */
  element?: Kind;
  /** For a union of string literals: the allowed values. */
  allowed?: string[];
  /** The declaration as written, for messages. */
  text: string;
}

/** A -p value that does not fit the notebook's declaration. */
export class ParameterTypeError extends Error {
  override name = 'ParameterTypeError';
}

const DECLARATION = /\b(?:let|var|const)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=;]+?))?\s*=\s*([^;\n]+)/g;

/** The declarations of the first code cell tagged `parameters`; undefined when there is none. */
export function declarations(nb: INotebookContent): Map<string, Declaration> | undefined {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && tagsOf(c).includes(TAG.parameters));
  if (cell === undefined) return undefined;
  const found = new Map<string, Declaration>();
  for (const m of sourceText(cell).replace(/\/\/.*$/gm, '').matchAll(DECLARATION)) {
    const [text, name, annotation, initializer] = m;
    found.set(name, { name, text: text.trim(), ...(annotation ? fromAnnotation(annotation.trim()) : fromInitializer(initializer.trim())) });
  }
  return found;
}

function fromAnnotation(type: string): Omit<Declaration, 'name' | 'text'> {
  if (['number', 'string', 'boolean'].includes(type)) return { kind: type as Kind };
  const array = /^(?:(\w+)\[\]|Array<(\w+)>)$/.exec(type);
  if (array) {
    const element = array[1] ?? array[2];
    return { kind: 'array', element: ['number', 'string', 'boolean'].includes(element) ? (element as Kind) : 'unknown' };
  }
  const literals = type.split('|').map((t) => /^\s*(['"])(.*)\1\s*$/.exec(t)?.[2]);
  if (literals.every((l): l is string => l !== undefined)) return { kind: 'string', allowed: literals };
  return { kind: 'unknown' };
}

function fromInitializer(init: string): Omit<Declaration, 'name' | 'text'> {
  if (/^[-+]?(\d[\d_]*\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(init)) return { kind: 'number' };
  if (/^(['"`]).*\1$/.test(init)) return { kind: 'string' };
  if (init === 'true' || init === 'false') return { kind: 'boolean' };
  if (init.startsWith('[')) {
    const first = /^\[\s*([^,\]]+)/.exec(init)?.[1]?.trim();
    return { kind: 'array', element: first === undefined ? 'unknown' : fromInitializer(first).kind };
  }
  if (init.startsWith('{')) return { kind: 'object' };
  return { kind: 'unknown' };
}

/**
 * The assignments to inject into `nb` (label names it in messages). Throws ParameterTypeError when
 * a value does not fit its declaration, or names a parameter the parameters cell does not declare.
 */
export function assignmentsFor(nb: INotebookContent, label: string, parameters: Parameter[]): Assignment[] {
  const declared = declarations(nb);
  return parameters.map((p) => {
    if (declared === undefined) return { name: p.name, literal: JSON.stringify(p.value) };
    const d = declared.get(p.name);
    if (d === undefined) {
      const names = [...declared.keys()];
      throw new ParameterTypeError(`-p ${p.name}: the parameters cell of ${label} declares no \`${p.name}\` `
        + `(it declares ${names.length > 0 ? names.join(', ') : 'nothing'}); received ${JSON.stringify(p.raw)}`);
    }
    const value = coerce(d, p);
    if (value === undefined) {
      throw new ParameterTypeError(`-p ${p.name}: ${label} declares \`${d.text}\` (${describe(d)}) in its parameters cell; `
        + `received ${JSON.stringify(p.raw)}`);
    }
    return { name: p.name, literal: JSON.stringify(value) };
  });
}

/** The value as the declared kind, or undefined when it does not fit. */
function coerce(d: Declaration, p: Parameter): JsonValue | undefined {
  const v = p.value;
  switch (d.kind) {
    case 'number':
      return typeof v === 'number' ? v : undefined;
    case 'string': {
      const s = typeof v === 'string' ? v : p.raw; // `-p name=5` for a string parameter is "5"
      return d.allowed === undefined || d.allowed.includes(s) ? s : undefined;
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'array':
      return Array.isArray(v) && (d.element === undefined || d.element === 'unknown' || v.every((x) => typeof x === d.element))
        ? v
        : undefined;
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    default:
      return v;
  }
}

function describe(d: Declaration): string {
  if (d.allowed !== undefined) return `one of ${d.allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  if (d.kind === 'array') return d.element && d.element !== 'unknown' ? `an array of ${d.element}s` : 'an array';
  return `a${d.kind === 'object' ? 'n' : ''} ${d.kind}`;
}
