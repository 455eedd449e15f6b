// Output folders are checked before anything runs. Runs as root here, which ignores permission
// bits: a regular file in the path stands in for a folder that cannot be written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWritableFile, checkWritableFolder } from '../../src/runner/writable';
import { tempDir } from './helpers';

test('a folder is created when missing and left without probe files', () => {
  const dir = join(tempDir('reglab-writable-'), 'a', 'b');
  checkWritableFolder(dir, '--out');
  assert.deepEqual(readdirSync(dir), []);
});

test('a path through a file, or a report path that is a folder, is a usage error naming it', () => {
  const dir = tempDir('reglab-writable-');
  writeFileSync(join(dir, 'file'), '');
  assert.throws(() => checkWritableFolder(join(dir, 'file', 'sub'), '--out'),
    new RegExp(`^UsageError: cannot create the --out folder ${dir}/file/sub: a part of the path is a file, not a folder \\(ENOTDIR\\)$`));
  mkdirSync(join(dir, 'folder'));
  assert.throws(() => checkWritableFile(join(dir, 'folder'), '--report'), /--report .*\/folder is a folder, not a file/);
});

test('a read-only folder is reported (skipped as root, which may write anywhere)', { skip: process.getuid?.() === 0 && 'running as root' }, () => {
  const dir = tempDir('reglab-writable-');
  chmodSync(dir, 0o555);
  try {
    assert.throws(() => checkWritableFolder(join(dir, 'sub'), '--out'), /cannot create the --out folder .*: permission denied \(EACCES\)/);
    assert.throws(() => checkWritableFile(join(dir, 'r.json'), '--report'), /the --report folder .* is not writable: permission denied/);
    assert.ok(!existsSync(join(dir, 'sub')));
  } finally {
    chmodSync(dir, 0o755);
  }
});
