// rl.plot.progress: one output updated in place in Jupyter, one printed line per step headless
// and outside a kernel; remaining time = elapsed / done × left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as plot from '../../src/plot';
import { setDisplaySender } from '../../src/plot/display';
import { captureDisplays } from './capture-displays';

const { sent } = captureDisplays({ clear: ['REGLAB_HEADLESS', 'REGLAB_SMOKE', 'CI'] });

function captureLog(fn: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try { fn(); } finally { console.log = log; }
  return lines;
}

test('Jupyter: one display, created then updated in place, with a <progress> bar', () => {
  const p = plot.progress({ total: 3, label: 'seed', throttleMs: 0 });
  p.step({ seed: 1, 'val loss': 0.412345 });
  p.step({ seed: 2 });
  p.step({ seed: 3 });
  p.done({ best: 'L2' });
  assert.equal(new Set(sent().map((s) => s.content.transient.display_id)).size, 1);
  assert.deepEqual(sent().map((s) => s.update), [false, true, true, true, true]);
  assert.match(String(sent()[1].content.data['text/plain']), /^seed 1\/3 · seed 1 · val loss 0\.4123 · [0-9.]+ s elapsed · ~[0-9.]+ s left$/);
  assert.match(String(sent()[1].content.data['text/html']), /<progress max="3" value="1"/);
  assert.match(String(sent()[3].content.data['text/plain']), /^seed 3\/3 · seed 3 · [0-9.]+ s elapsed$/, 'no time left at the end');
  assert.match(String(sent()[4].content.data['text/plain']), /^seed 3\/3 · best L2 · [0-9.]+ s elapsed · done$/);
  assert.equal(p.completed, 3);
  assert.throws(() => p.step(), /progress "seed" is already done \(3\/3\)/);
});

test('Jupyter: updates are throttled, the last step always drawn', () => {
  const p = plot.progress({ total: 50, throttleMs: 60_000 });
  for (let i = 0; i < 50; i++) p.step();
  // the initial line, then nothing within the minute until the last step
  assert.equal(sent().length, 2);
  assert.match(String(sent()[1].content.data['text/plain']), /^run 50\/50/);
});

test('headless and plain Node: one printed line per step, no display', () => {
  process.env.REGLAB_HEADLESS = '1';
  const lines = captureLog(() => {
    const p = plot.progress({ total: 2, label: 'fold' });
    p.step({ fold: 1, mse: 2.5 });
    p.step({ fold: 2, mse: 2.25 });
    p.done();
  });
  assert.deepEqual(sent(), []);
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^fold 1\/2 · fold 1 · mse 2\.5 · [0-9.]+ s elapsed · ~[0-9.]+ s left$/);
  assert.match(lines[2], /^fold 2\/2 · [0-9.]+ s elapsed · done$/);
  setDisplaySender(undefined);
  delete process.env.REGLAB_HEADLESS;
  assert.equal(captureLog(() => plot.progress({ total: 1 }).step()).length, 1);
});

test('remaining time is elapsed / done × left', async () => {
  process.env.REGLAB_HEADLESS = '1';
  const lines = await (async () => {
    const out: string[] = [];
    const log = console.log;
    console.log = (s: string) => out.push(s);
    try {
      const p = plot.progress({ total: 4 });
      await new Promise((r) => setTimeout(r, 200));
      p.step();
    } finally { console.log = log; }
    return out;
  })();
  const [, elapsed, left] = /([0-9.]+) s elapsed · ~([0-9.]+) s left/.exec(lines[0]) ?? [];
  assert.ok(Math.abs(Number(left) - 3 * Number(elapsed)) <= 0.15, lines[0]);
});

test('bad options are rejected, naming the argument and value', () => {
  assert.throws(() => plot.progress({ total: 0 }), { name: 'RangeError', message: 'rl.plot.progress: `total` must be an integer ≥ 1; received 0' });
  assert.throws(() => plot.progress({} as plot.ProgressOptions), { name: 'TypeError', message: 'rl.plot.progress: `total` must be an integer ≥ 1; received undefined' });
  assert.throws(() => plot.progress({ total: 2, throttleMs: -1 }), { name: 'RangeError', message: 'rl.plot.progress: `throttleMs` must be a finite number ≥ 0; received -1' });
});
