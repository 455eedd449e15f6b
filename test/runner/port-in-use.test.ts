// A kernel that cannot bind a port of its connection file ("Address already in use": another
// process took it between the runner's probe and the kernel's bind) is started again with fresh
// ports; the notebook then runs. Other start-up deaths are not retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNEL_MAIN } from '../../src/kernel/argv';
import { fixture, lastLine, runRunner, tempDir } from './helpers';

/** A kernel program that fails its first start like a port clash, then runs the real kernel. */
function flakyKernel(dir: string, message: string): { path: string; marker: string } {
  const marker = join(dir, 'failed-once');
  const path = join(dir, 'flaky-kernel.sh');
  writeFileSync(path, [
    '#!/bin/sh',
    `if [ ! -e '${marker}' ]; then touch '${marker}'; echo '${message}' >&2; exit 1; fi`,
    `exec '${process.execPath}' '${KERNEL_MAIN}' "$@"`,
    '',
  ].join('\n'));
  chmodSync(path, 0o755);
  return { path, marker };
}

test('"Address already in use" at start-up: the kernel starts again on fresh ports and the notebook passes', async () => {
  const kernel = flakyKernel(tempDir('reglab-port-'), 'reglab kernel: Address already in use');
  const r = await runRunner(['--kernel', kernel.path, fixture('tags.ipynb')]);
  assert.ok(existsSync(kernel.marker), 'the first start failed as arranged');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(lastLine(r.stdout), '1 passed, 0 failed');
});

test('any other death at start-up fails the notebook as kernel-start, without a second start', async () => {
  const kernel = flakyKernel(tempDir('reglab-port-'), 'reglab kernel: something else broke');
  const r = await runRunner(['--kernel', kernel.path, fixture('tags.ipynb')]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(r.report().notebooks[0].failure?.kind, 'kernel-start');
  assert.match(r.stdout, /something else broke/);
});
