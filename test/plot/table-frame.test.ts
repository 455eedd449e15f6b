import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dfd from 'danfojs-node';
import { tableBundle } from '../../src/plot/table';

test('a danfojs DataFrame is accepted as it is typed (values: 1-D or 2-D)', () => {
  const df = new dfd.DataFrame([{ run: 'l2', test: 0.93 }, { run: 'none', test: 0.91 }]);
  const bundle = tableBundle(df);
  assert.match(bundle['text/html'], /<td[^>]*>l2<\/td>/);
  assert.match(bundle['text/plain'], /none/);
  assert.match(bundle['text/plain'], /0\.91/);
});
