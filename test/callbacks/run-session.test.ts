import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as rl from '../../src';

const tmp = () => mkdtempSync(join(tmpdir(), 'reglab-session-'));

test("records() returns this session's records only, in the order written", () => {
  const dir = tmp();
  const earlier = rl.callbacks.runSession('exp', { dir });
  earlier.logger({ run: 'a', writeOn: 'manual' }).write({ v: 1 });
  const session = rl.callbacks.runSession('exp', { dir });
  assert.notEqual(session.id, earlier.id);
  session.logger({ run: 'a', params: { l2: 0.1 }, writeOn: 'manual' }).write({ v: 2 });
  session.logger({ run: 'b', writeOn: 'manual' }).write({ v: 3 });
  const mine = session.records({ expected: 2 });
  assert.deepEqual(mine.map((r) => [r.run, r.results.v]), [['a', 2], ['b', 3]]);
  assert.deepEqual(mine[0].params, { l2: 0.1, session: session.id });
  assert.equal(readFileSync(join(dir, 'exp.jsonl'), 'utf8').trim().split('\n').length, 3, 'earlier records kept');
  assert.throws(() => session.records({ expected: 3 }), /wrote 2 records, expected 3/);
});

test("replace: 'always' deletes earlier records; 'default-dir' only in the default folder", () => {
  const dir = tmp();
  writeFileSync(join(dir, 'exp.jsonl'), '{"run":"old","params":{}}\n');
  const kept = rl.callbacks.runSession('exp', { dir, replace: 'default-dir' });
  assert.equal(kept.replaced, false, 'an explicit dir is never the default folder');
  assert.ok(existsSync(join(dir, 'exp.jsonl')));
  const fresh = rl.callbacks.runSession('exp', { dir, replace: 'always' });
  assert.equal(fresh.replaced, true);
  assert.equal(existsSync(join(dir, 'exp.jsonl')), false);
  assert.deepEqual(fresh.records(), [], 'no file yet: no records');
  assert.match(fresh.describe(), /deleted/);

  const saved = process.env.REGLAB_RUNS;
  process.env.REGLAB_RUNS = dir;
  try {
    writeFileSync(join(dir, 'exp.jsonl'), '{"run":"old","params":{}}\n');
    const viaEnv = rl.callbacks.runSession('exp', { replace: 'default-dir' });
    assert.equal(viaEnv.replaced, false, 'REGLAB_RUNS points elsewhere than the default: kept');
    assert.equal(viaEnv.file, join(dir, 'exp.jsonl'));
  } finally {
    if (saved === undefined) delete process.env.REGLAB_RUNS; else process.env.REGLAB_RUNS = saved;
  }
});

test('bad input gets an error naming the argument and the value', () => {
  assert.throws(() => rl.callbacks.runSession('../x'), /`experiment` must be a file name.*'\.\.\/x'/);
  assert.throws(() => rl.callbacks.runSession('x', { replace: 'yes' as 'never' }), /`replace` must be .*'yes'/);
  assert.throws(() => rl.callbacks.runSession('x', { dir: '' }), /`dir` must be a non-empty string; received ''/);
});

test("'default-dir' deletes the file in the project's own build/runs", () => {
  const project = tmp();
  writeFileSync(join(project, 'package.json'), '{"name":"someone"}');
  const saved = { cwd: process.cwd(), env: process.env.REGLAB_RUNS };
  delete process.env.REGLAB_RUNS;
  process.chdir(project);
  try {
    const first = rl.callbacks.runSession('exp', { replace: 'default-dir' });
    assert.equal(first.file, join(project, 'build', 'runs', 'exp.jsonl'));
    first.logger({ run: 'a', writeOn: 'manual' }).write();
    const second = rl.callbacks.runSession('exp', { replace: 'default-dir' });
    assert.equal(second.replaced, true);
    assert.equal(existsSync(second.file), false);
  } finally {
    process.chdir(saved.cwd);
    if (saved.env !== undefined) process.env.REGLAB_RUNS = saved.env;
  }
});

test('a concurrent replace that deletes the file does not lose this session\'s records', () => {
  const dir = tmp();
  const mine = rl.callbacks.runSession('exp', { dir });
  mine.logger({ run: 'a', writeOn: 'manual' }).write({ v: 1 });
  rl.callbacks.runSession('exp', { dir, replace: 'always' }); // another execution starts fresh
  mine.logger({ run: 'b', writeOn: 'manual' }).write({ v: 2 });
  assert.deepEqual(mine.records({ expected: 2 }).map((r) => [r.run, r.results.v]), [['a', 1], ['b', 2]]);
});
