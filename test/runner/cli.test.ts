// The runner as a CLI: exit codes, failure report naming the cell index, malformed input,
// bad usage, and untouched sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/runner/report';
import { codeCells, fixture, fixtureHashes, lastLine, processesMentioning, runRunner, streamText, tempDir } from './helpers';

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

test('--inplace -p: the values run but never persist; a symlinked source keeps its link and mode', async () => {
  const dir = tempDir('reglab-inplace-');
  mkdirSync(join(dir, 'real'));
  const target = join(dir, 'real', 'parameters.ipynb');
  copyFileSync(fixture('parameters.ipynb'), target);
  chmodSync(target, 0o600);
  const link = join(dir, 'parameters.ipynb');
  symlinkSync(target, link);
  const before = JSON.parse(readFileSync(target, 'utf8')) as INotebookContent;
  const r = await runRunner(['--inplace', '-p', 'count', '3', link]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'still a symlink');
  assert.equal(statSync(target).mode & 0o777, 0o600, 'mode kept');
  const after = JSON.parse(readFileSync(target, 'utf8')) as INotebookContent;
  assert.deepEqual(after.cells.map((c) => c.source), before.cells.map((c) => c.source), 'no injected cell, sources unchanged');
  assert.match(streamText(codeCells(after)[1].outputs), /count=3 type=number/, 'the run saw the -p value');
  assert.deepEqual(readdirSync(join(dir, 'real')), ['parameters.ipynb'], 'no temporary files left');
});

test('-p values are checked against the declared type before anything runs (exit 2, no kernel)', async () => {
  const cases: [string[], RegExp][] = [
    [['-p', 'count=many'], /-p count: test\/fixtures\/notebooks\/parameters\.ipynb declares `let count = 1` \(a number\) in its parameters cell; received "many"/],
    [['-p', 'count=1e999'], /-p count: the non-finite number Infinity is not a parameter value .*received "1e999"/],
    [['-p', 'count=null'], /-p count: null is not a parameter value .*received "null"/],
    [['-p', 'rates=[0.1,"x"]'], /declares `let rates = \[0\.1\]` \(an array of numbers\)/],
    [['-p', 'epochs', '3'], /the parameters cell of test\/fixtures\/notebooks\/parameters\.ipynb declares no `epochs` \(it declares greeting, count, rates\)/],
  ];
  for (const [args, message] of cases) {
    const r = await runRunner([...args, fixture('parameters.ipynb')]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stdout, /RUN /, 'no notebook started');
    assert.ok(!existsSync(join(r.out, 'report.json')));
  }
});

test('an unwritable --out or --report folder is a usage error before the first notebook runs', async () => {
  const dir = tempDir('reglab-readonly-');
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const out = await runRunner(['--out', join(file, 'sub'), fixture('tags.ipynb')]);
  assert.equal(out.code, 2, out.stdout + out.stderr);
  assert.match(out.stderr, /reglab run: cannot create the --out folder .*a-file\/sub: a part of the path is a file, not a folder \(ENOTDIR\)/);
  const report = await runRunner(['--report', join(file, 'r.json'), fixture('tags.ipynb')]);
  assert.equal(report.code, 2);
  assert.match(report.stderr, /the --report folder .*a-file is not writable|cannot create the --report folder .*a-file/);
  const junit = await runRunner(['--junit', dir, fixture('tags.ipynb')]);
  assert.equal(junit.code, 2);
  assert.match(junit.stderr, /--junit .* is a folder, not a file/);
  for (const r of [out, report, junit]) {
    assert.doesNotMatch(r.stdout + r.stderr, /RUN |internal error/);
  }
});

test('progress: a start line per notebook before its result; --log-output echoes the kernel output', async () => {
  const r = await runRunner(['--log-output', fixture('parameters.ipynb')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.split('\n');
  const start = lines.indexOf('RUN  parameters.ipynb');
  const echo = lines.indexOf('  [parameters.ipynb] greeting=hello count=1 type=number rates=[0.1]');
  const result = lines.findIndex((l) => l.startsWith('PASS test/fixtures/notebooks/parameters.ipynb'));
  assert.ok(start >= 0 && start < echo && echo < result, r.stdout);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no terminal codes without a terminal');
});

test('--seeds: one run per seed with its own summary line, copy folder, report and JUnit suite', async () => {
  const junit = join(tempDir('reglab-junit-'), 'r.xml');
  const r = await runRunner(['--seeds', '0,1', '--jobs', '2', '--junit', junit, fixture('seeded.ipynb'), fixture('odd-seed-fails.ipynb')]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  for (const line of ['PASS test/fixtures/notebooks/seeded.ipynb [seed 0]', 'PASS test/fixtures/notebooks/seeded.ipynb [seed 1]',
    'PASS test/fixtures/notebooks/odd-seed-fails.ipynb [seed 0]', 'FAIL test/fixtures/notebooks/odd-seed-fails.ipynb [seed 1]']) {
    assert.ok(r.stdout.includes(line), `${line}\n${r.stdout}`);
  }
  assert.match(r.stdout, /^seed 0: 2 passed, 0 failed, report: .*seed-0\/report\.json$/m);
  assert.match(r.stdout, /^seed 1: 1 passed, 1 failed/m);
  assert.equal(lastLine(r.stdout), '3 passed, 1 failed');
  for (const seed of [0, 1]) {
    assert.equal(streamText(codeCells(r.executed(join(`seed-${seed}`, 'seeded.ipynb')))[2].outputs), `seed=${seed}\n`);
    const perSeed = JSON.parse(readFileSync(join(r.out, `seed-${seed}`, 'report.json'), 'utf8')) as Report;
    assert.deepEqual(perSeed.notebooks.map((n) => n.seed), [seed, seed]);
    assert.deepEqual(perSeed.options.seeds, [seed]);
  }
  assert.deepEqual(r.report().notebooks.map((n) => `${n.seed} ${n.status}`).sort(), ['0 passed', '0 passed', '1 failed', '1 passed']);
  const xml = readFileSync(junit, 'utf8');
  assert.equal(XMLValidator.validate(xml), true);
  const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites.testsuite as
    { name: string; failures: string; testcase: { name: string; failure?: { message: string } }[] }[];
  assert.deepEqual(suites.map((s) => s.name).sort(), [
    'test/fixtures/notebooks/odd-seed-fails.ipynb [seed 0]', 'test/fixtures/notebooks/odd-seed-fails.ipynb [seed 1]',
    'test/fixtures/notebooks/seeded.ipynb [seed 0]', 'test/fixtures/notebooks/seeded.ipynb [seed 1]']);
  const failing = suites.find((s) => s.name.endsWith('odd-seed-fails.ipynb [seed 1]'));
  assert.equal(failing?.testcase[2].failure?.message, 'cell 2 raised Error: odd seed 1');
});

test('--seeds with -p seed, or a notebook that declares no seed, is a usage error', async () => {
  const both = await runRunner(['--seeds', '0,1', '-p', 'seed=3', fixture('seeded.ipynb')]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--seeds and -p seed=… both set the seed/);
  const undeclared = await runRunner(['--seeds', '0', fixture('parameters.ipynb')]);
  assert.equal(undeclared.code, 2);
  assert.match(undeclared.stderr, /-p seed: the parameters cell of .*parameters\.ipynb declares no `seed`/);
  const bad = await runRunner(['--seeds', '1,1', fixture('seeded.ipynb')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--seeds lists a seed twice; received "1,1"/);
});
