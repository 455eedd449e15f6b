// `reglab kernel install | uninstall | list` through commander, into a temporary data directory.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { kernelCommand } from '../../src/cli/kernel';

async function run(args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  try {
    await kernelCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

test('install, list and uninstall a spec in --data-dir', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-cli-'));
  try {
    const out = await run(['install', '--data-dir', dir, '--name', 'reglab-test', '--node', 'node']);
    assert.match(out, /installed the kernel spec "reglab-test" in .*kernels\/reglab-test/);
    const spec = JSON.parse(readFileSync(join(dir, 'kernels', 'reglab-test', 'kernel.json'), 'utf8'));
    assert.deepEqual(spec.argv, ['node', '{resource_dir}/launch.js', '{connection_file}']);
    const saved = process.env.JUPYTER_PATH;
    process.env.JUPYTER_PATH = dir;
    try {
      assert.match(await run(['list']), /^\* reglab-test/m);
    } finally {
      if (saved === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = saved;
    }
    assert.match(await run(['uninstall', '--data-dir', dir, '--name', 'reglab-test']), /removed/);
    assert.ok(!existsSync(join(dir, 'kernels', 'reglab-test')));
    await assert.rejects(run(['install', '--data-dir', dir, '--sys-prefix']), /--sys-prefix and --data-dir exclude each other/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
