// Atomic writes keep what the user set up: permission bits, and symlinks (the target is written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../src/runner/notebook';
import { tempDir } from './helpers';

test('an existing file keeps its mode; no temporary file is left', () => {
  const dir = tempDir('reglab-atomic-');
  const file = join(dir, 'a.ipynb');
  writeFileSync(file, 'old', { mode: 0o600 });
  writeAtomic(file, 'new');
  assert.equal(readFileSync(file, 'utf8'), 'new');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir), ['a.ipynb']);
});

test('a symlink stays a symlink and its target gets the text', () => {
  const dir = tempDir('reglab-atomic-');
  mkdirSync(join(dir, 'real'));
  const target = join(dir, 'real', 'nb.ipynb');
  writeFileSync(target, 'old', { mode: 0o640 });
  const link = join(dir, 'link.ipynb');
  symlinkSync(join('real', 'nb.ipynb'), link);
  writeAtomic(link, 'new');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), join('real', 'nb.ipynb'));
  assert.equal(readFileSync(target, 'utf8'), 'new');
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(join(dir, 'real')), ['nb.ipynb']);
});

test('a new file gets the default mode (0666 less the umask) in a folder made on demand', () => {
  const dir = tempDir('reglab-atomic-');
  const file = join(dir, 'sub', 'new.ipynb');
  writeAtomic(file, 'x');
  assert.equal(statSync(file).mode & 0o777, 0o666 & ~process.umask());
});
