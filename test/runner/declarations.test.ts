// -p values against the `let` declarations of a notebook's parameters cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { assignmentsFor, declarations } from '../../src/runner/declarations';
import { parseParameter } from '../../src/runner/parameters';

const notebook = (parameters: string): INotebookContent => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: 'a', cell_type: 'code', source: parameters, metadata: { tags: ['parameters'] }, outputs: [], execution_count: null },
    { id: 'b', cell_type: 'code', source: 'let notAParameter = 1;', metadata: {}, outputs: [], execution_count: null },
  ],
});
const cell = [
  "let epochs = 30; // comment = 1",
  "let lr = 1e-3;",
  "let name = 'wine';",
  "let on = false;",
  "let rates = [0.1, 0.2];",
  "let tags: string[] = [];",
  "let mode: 'fast' | \"full\" = 'fast';",
  "let budget = rl.config.budget({ full: 5, smoke: 2 });",
].join('\n');
const nb = notebook(cell);
const assign = (...args: string[]) => assignmentsFor(nb, 'nb.ipynb', args.map(parseParameter));

test('the declared kinds are read from annotations and literal initializers', () => {
  const d = declarations(nb)!;
  assert.deepEqual([...d.keys()], ['epochs', 'lr', 'name', 'on', 'rates', 'tags', 'mode', 'budget']);
  assert.equal(d.get('epochs')?.kind, 'number');
  assert.equal(d.get('lr')?.kind, 'number');
  assert.equal(d.get('name')?.kind, 'string');
  assert.equal(d.get('on')?.kind, 'boolean');
  assert.deepEqual([d.get('rates')?.kind, d.get('rates')?.element], ['array', 'number']);
  assert.deepEqual([d.get('tags')?.kind, d.get('tags')?.element], ['array', 'string']);
  assert.deepEqual(d.get('mode')?.allowed, ['fast', 'full']);
  assert.equal(d.get('budget')?.kind, 'unknown');
});

test('values that fit become literals; a number given for a string parameter is that string', () => {
  assert.deepEqual(assign('epochs=3', 'name=5', 'on=true', 'rates=[1,2]', 'mode=full', 'budget=7'), [
    { name: 'epochs', literal: '3' },
    { name: 'name', literal: '"5"' },
    { name: 'on', literal: 'true' },
    { name: 'rates', literal: '[1,2]' },
    { name: 'mode', literal: '"full"' },
    { name: 'budget', literal: '7' },
  ]);
});

test('a value of the wrong type names the parameter, the declaration and the value', () => {
  assert.throws(() => assign('epochs=many'), /^ParameterTypeError: -p epochs: nb\.ipynb declares `let epochs = 30` \(a number\) in its parameters cell; received "many"$/);
  assert.throws(() => assign('on=yes'), /declares `let on = false` \(a boolean\).*received "yes"/);
  assert.throws(() => assign('rates=[1,"a"]'), /\(an array of numbers\).*received "\[1,\\"a\\"\]"/);
  assert.throws(() => assign('mode=slow'), /\(one of "fast", "full"\).*received "slow"/);
  assert.throws(() => assign('epochs=[1]'), /\(a number\)/);
});

test('a parameter the cell does not declare is an error listing what it declares', () => {
  assert.throws(() => assign('notAParameter=2'), /-p notAParameter: the parameters cell of nb\.ipynb declares no `notAParameter` \(it declares epochs, lr, name, on, rates, tags, mode, budget\)/);
});

test('without a parameters cell nothing is checked (papermill injects at the top)', () => {
  const bare: INotebookContent = { ...nb, cells: [nb.cells[1]] };
  assert.equal(declarations(bare), undefined);
  assert.deepEqual(assignmentsFor(bare, 'x', [parseParameter('any="x"')]), [{ name: 'any', literal: '"x"' }]);
});
