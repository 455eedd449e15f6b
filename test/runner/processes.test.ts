// No orphan kernels: on a cell timeout, when the kernel dies, and when the runner is terminated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeCells, fixture, groupMembers, lastLine, processesMentioning, runRunner, startRunner } from './helpers';

test('a `while (true) {}` cell with --timeout 10 is killed: exit 1 within 30 s, no kernel left', async () => {
  const r = await runRunner(['--timeout', '10', fixture('timeout.ipynb')], {}, 60_000);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
  assert.match(r.stdout, /cell 2 timed out after 10 s/);
  assert.match(r.stdout, /\| while \(true\) \{\}/);
  assert.equal(lastLine(r.stdout), '0 passed, 1 failed');
  const nb = r.report().notebooks[0];
  assert.equal(nb.failure?.kind, 'timeout');
  assert.equal(nb.failure?.cell?.index, 2);
  assert.ok(nb.kernelPid !== undefined);
  assert.deepEqual(groupMembers(nb.kernelPid), [], 'the kernel process group is gone');
  assert.deepEqual(processesMentioning(r.tmp), [], 'no kernel left');
  assert.equal(codeCells(r.executed('timeout.ipynb'))[0].execution_count, 1, 'cells before the loop ran');
});

test('a kernel that dies mid-run is a clear error naming the cell', async () => {
  const r = await runRunner([fixture('dies.ipynb')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /cell 2: the kernel died \(exited with code 3\)/);
  assert.equal(r.report().notebooks[0].failure?.kind, 'kernel-died');
  assert.deepEqual(processesMentioning(r.tmp), []);
});

test('SIGTERM to the runner kills the running kernel', async () => {
  const run = startRunner(['--timeout', '120', fixture('timeout.ipynb')]);
  const deadline = Date.now() + 30_000;
  while (processesMentioning(run.tmp).length === 0 && Date.now() < deadline) await sleep(200);
  assert.ok(processesMentioning(run.tmp).length > 0, 'the kernel started');
  await sleep(2000); // inside the endless loop by now
  process.kill(run.pid, 'SIGTERM');
  const r = await run.done;
  assert.equal(r.code, 143);
  assert.match(r.stderr, /received SIGTERM; killed 1 kernel/);
  assert.deepEqual(processesMentioning(run.tmp), [], 'no kernel left');
});
