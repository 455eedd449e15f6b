// `-p name=value` parameters, injected papermill-style: a code cell tagged `injected-parameters`
// right after the cell tagged `parameters` (at the top when there is none), replacing any
// injected cell already there. The notebook convention declares parameters with `let`, so the
// injected cell assigns (`name = value;`); tslab type-checks the assignment against the declared
// type, which turns a wrong-typed parameter into a clear compile error in that cell. The
// assignments sit in a block because tslab echoes the value of a cell's last top-level expression.
import type { ICodeCell, INotebookContent } from '@jupyterlab/nbformat';
import { TAG, tagsOf, uniqueId } from './notebook';

export interface Parameter {
  name: string;
  /** A TypeScript literal: the JSON text when the value parses as JSON, else a string literal. */
  literal: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Parses `name=value`; throws an Error naming the problem (the CLI turns it into exit 2). */
export function parseParameter(text: string): Parameter {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`-p expects name=value; received ${JSON.stringify(text)}`);
  const name = text.slice(0, at).trim();
  const raw = text.slice(at + 1);
  if (!IDENTIFIER.test(name)) {
    throw new Error(`-p: parameter name must be a JavaScript identifier; received ${JSON.stringify(name)}`);
  }
  return { name, literal: toLiteral(raw) };
}

function toLiteral(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return JSON.stringify(raw);
  }
}

export interface Injection {
  notebook: INotebookContent;
  /** Index of the injected cell in the returned notebook, or -1 when nothing was injected. */
  index: number;
  /** True when the notebook has no `parameters` cell (the injected cell went to the top). */
  noParametersCell: boolean;
}

export function injectParameters(nb: INotebookContent, parameters: Parameter[]): Injection {
  if (parameters.length === 0) return { notebook: nb, index: -1, noParametersCell: false };
  const cells = nb.cells.filter((c) => !tagsOf(c).includes(TAG.injected));
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
      ...parameters.map((p) => `  ${p.name} = ${p.literal};\n`),
      '}\n',
    ],
  };
  const index = anchor + 1; // 0 when there is no parameters cell
  cells.splice(index, 0, cell);
  return { notebook: { ...nb, cells }, index, noParametersCell: anchor < 0 };
}
