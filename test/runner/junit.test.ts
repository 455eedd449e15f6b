// JUnit XML from notebook results, read back with a real XML parser (fast-xml-parser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { junitXml } from '../../src/runner/junit';
import type { NotebookResult } from '../../src/runner/report';

const passed: NotebookResult = {
  notebook: 'nb/ok.ipynb',
  status: 'passed',
  seconds: 2.5,
  cells: [
    { index: 1, status: 'ok', seconds: 0.25, execution_count: 1 },
    { index: 2, status: 'skipped', seconds: 0, execution_count: null },
  ],
};
const nasty = 'Expected <a> & "b" \'c\' ]]> \u001b[31mred\u001b[0m';
const failed: NotebookResult = {
  notebook: 'nb/bad.ipynb',
  seed: 2,
  status: 'failed',
  seconds: 3,
  cells: [
    { index: 1, status: 'ok', seconds: 0.5, execution_count: 1 },
    { index: 3, status: 'error', seconds: 0.125, execution_count: 2 },
    { index: 4, status: 'not-run', seconds: 0, execution_count: null },
  ],
  failure: {
    kind: 'cell-error',
    message: `cell 3 raised AssertionError: ${nasty}`,
    cell: { index: 3, source: 'assert.equal(a, b);', ename: 'AssertionError', evalue: nasty, traceback: ['    at evalmachine.<anonymous>:3:8'] },
  },
};
const malformed: NotebookResult = {
  notebook: 'nb/broken.ipynb',
  status: 'failed',
  seconds: 0,
  cells: [],
  failure: { kind: 'malformed-notebook', message: 'malformed notebook JSON in nb/broken.ipynb: Unexpected token' },
};

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);

test('one testsuite per notebook run, one testcase per code cell, the failing cell carries error and traceback', () => {
  const xml = junitXml([passed, failed, malformed], new Date('2026-01-02T03:04:05.678Z'));
  assert.equal(XMLValidator.validate(xml), true);
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml), 'no character XML 1.0 forbids');
  const doc = parse(xml);
  const root = doc.testsuites;
  assert.deepEqual([root.tests, root.failures, root.errors, root.skipped], ['6', '1', '1', '2']);
  const [ok, bad, broken] = root.testsuite;
  assert.equal(ok.name, 'nb/ok.ipynb');
  assert.equal(ok.timestamp, '2026-01-02T03:04:05');
  assert.deepEqual(ok.testcase.map((c: { name: string }) => c.name), ['cell 1', 'cell 2']);
  assert.equal(ok.testcase[0].time, '0.250');
  assert.equal(ok.testcase[1].skipped.message, 'tagged skip-execution (or empty)');

  assert.equal(bad.name, 'nb/bad.ipynb [seed 2]');
  assert.deepEqual(bad.properties.property, [{ name: 'seed', value: '2' }]);
  assert.deepEqual([bad.tests, bad.failures, bad.skipped], ['3', '1', '1']);
  const failure = bad.testcase[1].failure;
  assert.equal(bad.testcase[1].name, 'cell 3');
  assert.equal(failure.type, 'AssertionError');
  assert.equal(failure.message, 'cell 3 raised AssertionError: Expected <a> & "b" \'c\' ]]> \ufffd[31mred\ufffd[0m');
  assert.match(failure['#text'], /^AssertionError: Expected <a> & "b"/);
  assert.match(failure['#text'], /assert\.equal\(a, b\);/);
  assert.match(failure['#text'], /at evalmachine\.<anonymous>:3:8$/);
  assert.equal(bad.testcase[2].skipped.message, 'not run: an earlier cell failed');

  assert.equal(broken.testcase[0].name, '(notebook)');
  assert.equal(broken.testcase[0].error.type, 'malformed-notebook');
  assert.match(broken.testcase[0].error.message, /malformed notebook JSON/);
});

test('no runs (an empty shard) is a valid empty report', () => {
  const xml = junitXml([], new Date());
  assert.equal(XMLValidator.validate(xml), true);
  assert.equal(parse(xml).testsuites.tests, '0');
});
