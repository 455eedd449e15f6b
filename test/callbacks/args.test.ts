// Bad input to rl.callbacks (issue 16): the one message shape, unknown keys, booleans, torn run files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as rl from '../../src';

const es = rl.callbacks.earlyStopping;

test('earlyStopping names the argument and the value as written', () => {
  assert.throws(() => es({ minDelta: 'x' as never }), { name: 'TypeError', message: "rl.callbacks.earlyStopping: `minDelta` must be a finite number; received 'x'" });
  assert.throws(() => es({ patient: 5 } as never), {
    name: 'TypeError',
    message: 'rl.callbacks.earlyStopping: unknown option `patient` (did you mean `patience`?); known options: monitor, minDelta, patience, mode, baseline, restoreBestWeights, startFromEpoch, verbose',
  });
  assert.throws(() => es({ restoreBestWeights: 'yes' as never }), { name: 'TypeError', message: "rl.callbacks.earlyStopping: `restoreBestWeights` must be true or false; received 'yes'" });
  assert.throws(() => es({ verbose: 'x' as never }), { name: 'TypeError', message: "rl.callbacks.earlyStopping: `verbose` must be an integer in [0, 1]; received 'x'" });
  assert.throws(() => es({ patience: 1.5 }), { name: 'RangeError', message: 'rl.callbacks.earlyStopping: `patience` must be an integer ≥ 0; received 1.5' });
  assert.throws(() => es({ baseline: NaN }), { name: 'RangeError', message: 'rl.callbacks.earlyStopping: `baseline` must be a finite number; received NaN' });
  assert.throws(() => es(null as never), { name: 'TypeError', message: 'rl.callbacks.earlyStopping: `options` must be an options object like { monitor: … }; received null' });
});

test('runLogger rejects unknown keys too', () => {
  assert.throws(() => rl.callbacks.runLogger({ run: 'a', experimnt: 'x' } as never), /unknown option `experimnt` \(did you mean `experiment`\?\)/);
});

test('readRuns skips a torn last line with a warning, and reads the records before it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-runs-'));
  const file = join(dir, 'torn.jsonl');
  writeFileSync(file, `${JSON.stringify({ run: 'a', history: {} })}\n${JSON.stringify({ run: 'b', history: {} })}\n`);
  appendFileSync(file, '{"run":"c","hist'); // a run interrupted while appending
  const warn = t.mock.method(console, 'warn', () => undefined);
  const records = rl.callbacks.readRuns('torn', { dir });
  assert.deepEqual(records.map((r) => r.run), ['a', 'b']);
  assert.equal(warn.mock.callCount(), 1);
  assert.match(String(warn.mock.calls[0].arguments[0]), /^rl\.callbacks\.readRuns: skipped the torn last line: .*torn\.jsonl line 3 is not valid JSON/);
  assert.throws(() => rl.callbacks.readRuns('torn', { dir, latest: 'no' as never }), { name: 'TypeError', message: "rl.callbacks.readRuns: `latest` must be true or false; received 'no'" });
});
