// Every source notebook is committed clean and in the house shape (CONTRIBUTING.md):
// valid nbformat 4.5 with unique cell ids, the tslab kernel, no outputs, a parameters cell
// declaring an integer `seed`, the library imported by package name, at least one assertion of
// the claimed effect, code lines that fit a cell (≤ 100 characters), and a `solution` cell
// after each exercise list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INotebookContent, ICell } from '@jupyterlab/nbformat';

const dir = join(__dirname, '..', '..', 'notebooks');
const notebooks = readdirSync(dir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

const text = (cell: ICell): string => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** The widest code line a notebook cell shows without scrolling, in JupyterLab and on the site. */
const MAX_CODE_LINE = 100;

/** Code lines over MAX_CODE_LINE characters (code points), as 'cell i, line j (n)'. */
function longLines(cells: ICell[]): string[] {
  const found: string[] = [];
  cells.forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    text(c).split('\n').forEach((line, j) => {
      const width = [...line].length;
      if (width > MAX_CODE_LINE) found.push(`cell ${i}, line ${j + 1} (${width})`);
    });
  });
  return found;
}

test('there is at least one notebook', () => {
  assert.ok(notebooks.length > 0, `no notebooks found in ${dir}`);
});

for (const file of notebooks) {
  test(`${file} is a clean tslab notebook in the house shape`, () => {
    const nb = JSON.parse(readFileSync(join(dir, file), 'utf8')) as INotebookContent;
    assert.equal(nb.nbformat, 4);
    assert.ok(nb.nbformat_minor >= 5, `nbformat_minor ${nb.nbformat_minor} has no cell ids`);
    assert.equal(nb.metadata.kernelspec?.name, 'reglab');
    const ids = nb.cells.map((c) => c.id);
    assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0), 'every cell has an id');
    assert.equal(new Set(ids).size, ids.length, 'cell ids are unique');
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    for (const [i, c] of code.entries()) {
      assert.deepEqual(c.outputs, [], `code cell ${i} has stored outputs`);
      assert.equal(c.execution_count, null, `code cell ${i} has an execution count`);
    }
    assert.equal(nb.cells[0].cell_type, 'markdown');
    assert.match(text(nb.cells[0]), /^# /, 'the first cell is a title');
    const tags = (c: ICell) => ((c.metadata?.tags as string[] | undefined) ?? []);
    assert.ok(code.some((c) => tags(c).includes('parameters')), 'a cell tagged `parameters`');
    const all = code.map(text).join('\n');
    assert.match(all, /from 'reglab'/, 'imports the library by package name');
    assert.doesNotMatch(all, /from '\.\.?\//, 'no relative imports (tslab refuses them)');
    assert.match(all, /\bassert\b/, 'asserts the claimed effect');
    assert.match(all, /rl\.config\.seed\(/, 'seeds the run');
    const parameters = code.filter((c) => tags(c).includes('parameters')).map(text).join('\n');
    assert.match(parameters, /^let seed = -?\d+;/m, 'the parameters cell declares `let seed = <integer>;`');
    assert.deepEqual(longLines(nb.cells), [], `code lines longer than ${MAX_CODE_LINE} characters`);
    // Exercises come with worked solutions: a code cell tagged `solution` after the exercises.
    const exercises = nb.cells.findIndex((c) => c.cell_type === 'markdown' && /^#+ .*Exercises/m.test(text(c)));
    if (exercises >= 0) {
      const after = nb.cells.slice(exercises + 1);
      assert.ok(after.some((c) => c.cell_type === 'code' && tags(c).includes('solution')),
        'the exercises are followed by at least one code cell tagged `solution`');
    }
  });
}

// Cell tags the toolchain understands: `parameters` (papermill), `skip-execution` and
// `raises-exception` (the runner, as nbmake), `solution` (an exercise's answer: executed like every
// cell, folded on the site until opened). Any other tag is a typo the tools would ignore silently.
const KNOWN_TAGS = ['parameters', 'skip-execution', 'raises-exception', 'solution'];

for (const file of notebooks) {
  test(`${file}: cell tags are ones the runner and the site understand`, () => {
    const nb = JSON.parse(readFileSync(join(dir, file), 'utf8')) as INotebookContent;
    nb.cells.forEach((c, i) => {
      for (const tag of (c.metadata?.tags as string[] | undefined) ?? []) {
        assert.ok(KNOWN_TAGS.includes(tag), `cell ${i} has the tag ${JSON.stringify(tag)}; known: ${KNOWN_TAGS.join(', ')}`);
        if (tag === 'solution') assert.equal(c.cell_type, 'code', `cell ${i}: \`solution\` tags a code cell`);
      }
    });
  });
}
