// -p name=value parsing and papermill-style injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { injectParameters, normalizeParameterArgs, parseParameter, withoutInjected } from '../../src/runner/parameters';

const value = (text: string): unknown => parseParameter(text).value;

test('values are JSON when they parse, else strings', () => {
  assert.deepEqual(parseParameter('epochs=5'), { name: 'epochs', raw: '5', value: 5 });
  assert.equal(value('lr=1e-3'), 0.001);
  assert.equal(value('on=true'), true);
  assert.deepEqual(value('xs=[1, 2]'), [1, 2]);
  assert.deepEqual(value('o={"a":1}'), { a: 1 });
  assert.equal(value('name=wine'), 'wine');
  assert.equal(value('s="quoted"'), 'quoted');
  assert.deepEqual(parseParameter('eq=a=b'), { name: 'eq', raw: 'a=b', value: 'a=b' });
  assert.equal(value('empty='), '');
});

test('bad parameters name the problem and the value received', () => {
  assert.throws(() => parseParameter('novalue'), /-p expects name=value or name value; received "novalue"/);
  assert.throws(() => parseParameter('=1'), /-p expects name=value or name value; received "=1"/);
  assert.throws(() => parseParameter('1x=1'), /JavaScript identifier; received "1x"/);
});

test('non-finite numbers and null are rejected, also inside arrays and objects', () => {
  assert.throws(() => parseParameter('epochs=1e999'), /-p epochs: the non-finite number Infinity is not a parameter value .*received "1e999"/);
  assert.throws(() => parseParameter('epochs=-1e999'), /non-finite number -Infinity .*received "-1e999"/);
  assert.throws(() => parseParameter('epochs=null'), /-p epochs: null is not a parameter value .*received "null"/);
  assert.throws(() => parseParameter('xs=[1,1e400]'), /non-finite number Infinity/);
  assert.throws(() => parseParameter('o={"a":null}'), /null is not a parameter value/);
});

test('papermill\'s `-p name value` becomes `-p name=value`; other arguments stay as they are', () => {
  assert.deepEqual(normalizeParameterArgs(['run', '-p', 'epochs', '3', 'nb/', '--parameter', 'lr', '-0.5', '-p', 'a=1', 'x.ipynb']),
    ['run', '-p', 'epochs=3', 'nb/', '--parameter', 'lr=-0.5', '-p', 'a=1', 'x.ipynb']);
  assert.deepEqual(normalizeParameterArgs(['-p', 'eq', 'a=b']), ['-p', 'eq=a=b']);
  assert.deepEqual(normalizeParameterArgs(['--', '-p', 'x', 'y']), ['--', '-p', 'x', 'y']);
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

test('an injected-parameters cell left in a source is dropped, with or without -p', () => {
  const nb = notebook([['parameters'], ['injected-parameters'], []]);
  const none = injectParameters(nb, []);
  assert.deepEqual(none.notebook.cells.map((c) => c.id), ['c0', 'c2']);
  assert.equal(none.dropped, 1);
  assert.deepEqual(withoutInjected(injectParameters(nb, [{ name: 'a', literal: '1' }]).notebook.cells).map((c) => c.id), ['c0', 'c2']);
});
