// The runner as a CLI: exit codes, failure report naming the cell index, malformed input,
// bad usage, and untouched sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/runner/report';
import { codeCells, fixture, fixtureHashes, lastLine, processesMentioning, runRunner, tempDir } from './helpers';

test('an error cell → exit 1, output names the cell index, source, ename and evalue', async () => {
  const r = await runRunner([fixture('error.ipynb')]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /FAIL test\/fixtures\/notebooks\/error\.ipynb/);
  assert.match(r.stdout, /cell 2 raised Error: boom from cell two/);
  assert.match(r.stdout, /\| throw new Error\('boom from cell two'\);/, 'prints the start of the cell source');
  assert.match(r.stdout, /at evalmachine/, 'prints the traceback');
  assert.equal(lastLine(r.stdout), '0 passed, 1 failed');

  const failure = r.report().notebooks[0].failure;
  assert.equal(failure?.kind, 'cell-error');
  assert.equal(failure?.cell?.index, 2);
  assert.equal(failure?.cell?.ename, 'Error');
  assert.equal(failure?.cell?.evalue, 'boom from cell two');

  const cells = codeCells(r.executed('error.ipynb'));
  assert.equal(cells[0].execution_count, 1);
  assert.equal(cells[2].execution_count, null, 'cells after the failure do not run');
  assert.deepEqual(processesMentioning(r.tmp), [], 'no kernel left');
});

test('malformed notebook JSON is a clear error; the runner goes on with the others', async () => {
  const r = await runRunner(['--jobs', '1', fixture('malformed.ipynb'), fixture('tags.ipynb')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL test\/fixtures\/notebooks\/malformed\.ipynb .*malformed-notebook/);
  assert.match(r.stdout, /malformed notebook JSON in test\/fixtures\/notebooks\/malformed\.ipynb: /);
  assert.match(r.stdout, /PASS test\/fixtures\/notebooks\/tags\.ipynb/);
  assert.equal(lastLine(r.stdout), '1 passed, 1 failed');
  const report = r.report();
  assert.deepEqual(
    report.notebooks.map((n) => n.status),
    ['failed', 'passed'],
  );
  assert.equal(report.passed, 1);
  assert.equal(report.failed, 1);
});

test('a missing kernel binary is a clear error per notebook', async () => {
  const r = await runRunner(['--kernel', '/nonexistent/tslab', fixture('tags.ipynb')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /kernel binary not found or not executable: \/nonexistent\/tslab/);
  assert.equal(r.report().notebooks[0].failure?.kind, 'kernel-missing');
  assert.equal(lastLine(r.stdout), '0 passed, 1 failed');
});

test('bad usage exits 2 with a message naming the problem', async () => {
  const missing = await runRunner([fixture('no-such.ipynb')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such notebook or folder: .*no-such\.ipynb/);

  const timeout = await runRunner(['--timeout', 'soon', fixture('tags.ipynb')]);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /--timeout must be a positive number; received "soon"/);

  const parameter = await runRunner(['-p', 'not a name=1', fixture('tags.ipynb')]);
  assert.equal(parameter.code, 2);
  assert.match(parameter.stderr, /parameter name must be a JavaScript identifier; received "not a name"/);

  const option = await runRunner(['--no-such-option']);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /unknown option '--no-such-option'/);
});

test('source notebooks stay byte-identical; executed copies go to --out', async () => {
  const before = fixtureHashes();
  const r = await runRunner([fixture('error.ipynb'), fixture('tags.ipynb'), fixture('parameters.ipynb'), '-p', 'count=3']);
  assert.equal(r.code, 1);
  assert.deepEqual(fixtureHashes(), before);
  const executed = codeCells(r.executed('parameters.ipynb'));
  assert.ok(executed.some((c) => c.outputs.length > 0), 'the executed copy has outputs');
});

test('--inplace writes the executed notebook over its source (atomically); --report picks the report path', async () => {
  const dir = tempDir('reglab-inplace-');
  const copy = join(dir, 'tags.ipynb');
  copyFileSync(fixture('tags.ipynb'), copy);
  const report = join(dir, 'my-report.json');
  const r = await runRunner(['--inplace', '--report', report, copy]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const nb = JSON.parse(readFileSync(copy, 'utf8')) as INotebookContent;
  assert.equal(codeCells(nb)[2].execution_count, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['my-report.json', 'tags.ipynb'], 'no temporary files left');
  assert.equal((JSON.parse(readFileSync(report, 'utf8')) as Report).passed, 1);
  assert.ok(!existsSync(join(r.out, 'tags.ipynb')), 'nothing written to --out');
});
