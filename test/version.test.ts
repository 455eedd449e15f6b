import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../src/version';

test('the exported version equals package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  assert.equal(version, pkg.version);
});

test('the package loads with require() by its name, as tslab compiles cells to CommonJS', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const rl = require('reglab');
  for (const ns of ['backend', 'config', 'penalties', 'linear', 'regularizers', 'optimizers',
    'callbacks', 'layers', 'data', 'plot', 'uncertainty']) {
    assert.equal(typeof rl[ns], 'object', `namespace ${ns}`);
  }
});
