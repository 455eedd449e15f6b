// -p name=value parsing and papermill-style injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { injectParameters, parseParameter } from '../../scripts/runner/parameters';

test('values are JSON when they parse, else string literals', () => {
  assert.deepEqual(parseParameter('epochs=5'), { name: 'epochs', literal: '5' });
  assert.deepEqual(parseParameter('lr=1e-3'), { name: 'lr', literal: '0.001' });
  assert.deepEqual(parseParameter('on=true'), { name: 'on', literal: 'true' });
  assert.deepEqual(parseParameter('xs=[1, 2]'), { name: 'xs', literal: '[1,2]' });
  assert.deepEqual(parseParameter('o={"a":1}'), { name: 'o', literal: '{"a":1}' });
  assert.deepEqual(parseParameter('name=wine'), { name: 'name', literal: '"wine"' });
  assert.deepEqual(parseParameter('s="quoted"'), { name: 's', literal: '"quoted"' });
  assert.deepEqual(parseParameter('eq=a=b'), { name: 'eq', literal: '"a=b"' });
  assert.deepEqual(parseParameter('empty='), { name: 'empty', literal: '""' });
});

test('bad parameters name the problem and the value received', () => {
  assert.throws(() => parseParameter('novalue'), /-p expects name=value; received "novalue"/);
  assert.throws(() => parseParameter('=1'), /-p expects name=value; received "=1"/);
  assert.throws(() => parseParameter('1x=1'), /JavaScript identifier; received "1x"/);
});

const notebook = (tags: string[][]): INotebookContent => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: tags.map((t, i) => ({ id: `c${i}`, cell_type: 'code', source: '', metadata: { tags: t }, outputs: [], execution_count: null })),
});

test('the injected cell goes right after the parameters cell and replaces an earlier injection', () => {
  const nb = notebook([[], ['parameters'], ['injected-parameters'], []]);
  const { notebook: out, index } = injectParameters(nb, [{ name: 'a', literal: '1' }, { name: 'b', literal: '"x"' }]);
  assert.equal(index, 2);
  assert.deepEqual(out.cells.map((c) => c.id), ['c0', 'c1', 'injected-parameters', 'c3']);
  assert.equal(out.cells[2].source.length > 0 && (out.cells[2].source as string[]).join(''),
    '// Parameters injected by the reglab runner (-p)\n{\n  a = 1;\n  b = "x";\n}\n');
  assert.equal(nb.cells.length, 4, 'the input notebook is not modified');
});

test('without a parameters cell the injection goes to the top (papermill)', () => {
  const { notebook: out, index, noParametersCell } = injectParameters(notebook([[], []]), [{ name: 'a', literal: '1' }]);
  assert.equal(index, 0);
  assert.ok(noParametersCell);
  assert.equal(out.cells[0].id, 'injected-parameters');
});

test('no parameters: the notebook is returned as is', () => {
  const nb = notebook([['parameters']]);
  assert.equal(injectParameters(nb, []).notebook, nb);
});
