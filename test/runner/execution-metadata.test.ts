// metadata.execution.timeout / allow_errors, read as nbmake reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { executionSettings } from '../../src/runner/execution-metadata';

const defaults = { timeoutMs: 300_000, allowErrors: false };
const nb = (execution: unknown): INotebookContent => ({ nbformat: 4, nbformat_minor: 5, metadata: { execution } as never, cells: [] });

test('the notebook overrides the CLI defaults; -1 is no limit', () => {
  assert.deepEqual(executionSettings({ ...nb(undefined), metadata: {} }, 'x', defaults), defaults);
  assert.deepEqual(executionSettings(nb({ timeout: 2.5 }), 'x', defaults), { timeoutMs: 2500, allowErrors: false });
  assert.deepEqual(executionSettings(nb({ allow_errors: true }), 'x', defaults), { timeoutMs: 300_000, allowErrors: true });
  assert.equal(executionSettings(nb({ timeout: -1 }), 'x', defaults).timeoutMs, Infinity);
});

test('malformed values name the notebook, the field and the value', () => {
  assert.throws(() => executionSettings(nb({ timeout: '10' }), 'a.ipynb', defaults),
    /a\.ipynb: metadata\.execution\.timeout must be a positive number of seconds or -1; received "10"/);
  assert.throws(() => executionSettings(nb({ timeout: 0 }), 'a.ipynb', defaults), /received 0/);
  assert.throws(() => executionSettings(nb({ allow_errors: 'yes' }), 'a.ipynb', defaults),
    /a\.ipynb: metadata\.execution\.allow_errors must be true or false; received "yes"/);
  assert.throws(() => executionSettings(nb([]), 'a.ipynb', defaults), /metadata\.execution must be an object; received \[\]/);
});
