// No orphan kernels: on a cell timeout, when the kernel dies, and when the runner is terminated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeCells, fixture, groupMembers, lastLine, processesMentioning, ROOT, runRunner, startRunner, tempDir } from './helpers';

/** Waits until `check` holds or `ms` pass; returns whether it held. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

const kernelsIn = (tmp: string): string[] => processesMentioning(tmp).filter((l) => l.includes(join('kernel', 'main.js')));

test('a `while (true) {}` cell with --timeout 10 is killed: exit 1 within 20 s of the kernel start, no kernel left', async () => {
  const r = await runRunner(['--timeout', '10', fixture('timeout.ipynb')], {}, 90_000);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  // Counted from the kernel's start: a loaded machine can take 15 s to start tslab alone.
  const started = r.report().notebooks[0].kernelStartSeconds ?? 0;
  assert.ok(r.ms / 1000 - started < 20, `took ${r.ms} ms, ${started} s of it to start the kernel`);
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

test('SIGKILL of the runner: the watchdog kills the kernel within 5 s and removes its connection folder', async () => {
  const run = startRunner(['--timeout', '120', fixture('timeout.ipynb')]);
  assert.ok(await until(() => kernelsIn(run.tmp).length > 0, 60_000), 'the kernel started');
  await sleep(2000); // inside the endless loop by now
  process.kill(run.pid, 'SIGKILL');
  await run.done;
  const killed = Date.now();
  const gone = await until(() => processesMentioning(run.tmp).length === 0, 5000);
  assert.ok(gone, `still alive ${Date.now() - killed} ms after SIGKILL:\n${processesMentioning(run.tmp).join('\n')}`);
  assert.deepEqual(readdirSync(run.tmp).filter((n) => n.startsWith('reglab-kernel-')), [], 'connection folder removed');
});

// `npm run notebooks` runs the compiled CLI (dist/), as npm test does right after its build.
const dist = join(ROOT, 'dist', 'cli', 'main.js');
const newestSource = (): number => Math.max(...['runner', 'cli'].flatMap((d) =>
  readdirSync(join(ROOT, 'src', d)).map((f) => statSync(join(ROOT, 'src', d, f)).mtimeMs)));
const stale = ((): string | false => {
  try {
    return statSync(dist).mtimeMs < newestSource() ? 'dist/ is older than src/: run `npm run build` first' : false;
  } catch {
    return 'dist/cli/main.js missing: run `npm run build` first';
  }
})();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to the \`npm run notebooks\` process alone reaches the runner, which kills its kernel`, { skip: stale }, async () => {
    const dir = tempDir('reglab-npm-signal-');
    const tmp = join(dir, 'tmp');
    const args = ['run', '--silent', 'notebooks', '--', '--out', join(dir, 'out'), '--report', join(dir, 'r.json'), '--timeout', '120', fixture('timeout.ipynb')];
    mkdirSync(tmp);
    const npm = spawn('npm', args, { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on('close', (code, sig) => resolve(code ?? (sig ? 128 : null))));
    try {
      assert.ok(await until(() => kernelsIn(tmp).length > 0, 60_000), `the kernel started\n${output}`);
      await sleep(2000);
      npm.kill(signal);
      const sent = Date.now();
      await Promise.race([exited, sleep(10_000)]);
      assert.ok(await until(() => processesMentioning(tmp).length === 0, 5000),
        `${Date.now() - sent} ms after ${signal}:\n${processesMentioning(tmp).join('\n')}\n${output}`);
      assert.match(output, new RegExp(`received ${signal}; killed 1 kernel`));
    } finally {
      npm.kill('SIGKILL');
    }
  });
}
