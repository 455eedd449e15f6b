// liveCurves: one output updated in place (display id), compact text per epoch in the headless
// runner, the final figure as the last state; driven directly, then once through a real model.fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as plot from '../../src/plot';
import { setDisplaySender } from '../../src/plot/display';
import { captureDisplays } from './capture-displays';
import { formatSeconds } from '../../src/plot/live-curves';

const PLOTLY = 'application/vnd.plotly.v1+json';
const { sent } = captureDisplays({
  clear: ['REGLAB_HEADLESS', 'REGLAB_SMOKE', 'CI'],
  set: { REGLAB_STATIC_PLOTS: '0' },
});

async function drive(live: plot.LiveCurves, epochs: number): Promise<void> {
  live.setParams({ epochs });
  await live.onTrainBegin();
  for (let e = 0; e < epochs; e++) await live.onEpochEnd(e, { loss: 1 / (e + 1), val_loss: 2 / (e + 1) });
  await live.onTrainEnd();
}

/** console.log lines written while `fn` runs. */
async function captureLog(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try { await fn(); } finally { console.log = log; }
  return lines;
}

test('headless: one printed line per epoch, then the final figure', async () => {
  process.env.REGLAB_HEADLESS = '1';
  const live = plot.liveCurves();
  const lines = await captureLog(() => drive(live, 3));
  assert.equal(lines.length, 4, lines.join('\n'));
  for (const [i, line] of lines.slice(0, 3).entries()) {
    assert.match(line, new RegExp(`^epoch ${i + 1}/3 · loss [0-9.]+ · val_loss [0-9.]+ · [0-9.]+ s elapsed · ~[0-9.]+ s left$`));
  }
  assert.match(lines[3], /^epoch 3\/3 · loss 0\.3333 · val_loss 0\.6667 · .* done$/);
  assert.equal(sent().length, 1, 'one display: the final figure');
  assert.equal(sent()[0].update, false);
  const last = sent()[0].content.data;
  assert.ok(last[PLOTLY] && last['text/html']);
  assert.deepEqual(live.history, { loss: [1, 0.5, 1 / 3], val_loss: [2, 1, 2 / 3] });
  const fig = last[PLOTLY] as { data: { name: string; y: number[]; line: { dash: string } }[]; layout: { xaxis: { dtick: number } } };
  assert.deepEqual(fig.data.map((t) => [t.name, t.line.dash]), [['loss · train', 'solid'], ['loss · validation', 'dash']]);
  assert.deepEqual(fig.data[1].y, [2, 1, 2 / 3]);
  assert.equal(fig.layout.xaxis.dtick, 1, 'whole epochs on the x axis');
});

test('headless: logEvery thins the lines, the last epoch is always printed', async () => {
  process.env.REGLAB_HEADLESS = '1';
  const lines = await captureLog(() => drive(plot.liveCurves({ logEvery: 4 }), 10));
  assert.deepEqual(lines.map((l) => /^epoch (\d+)/.exec(l)?.[1]), ['4', '8', '10', '10']);
  assert.throws(() => plot.liveCurves({ logEvery: 0 }), { name: 'RangeError', message: 'rl.plot.liveCurves: `logEvery` must be an integer ≥ 1; received 0' });
});

test('interactive: updates redraw the curves (throttled), plotly.js kept in the final state when this output carried it', async () => {
  const live = plot.liveCurves({ throttleMs: 0, title: 'MLP' });
  await drive(live, 2);
  const htmls = sent().slice(1).map((s) => String(s.content.data['text/html']));
  assert.equal(htmls.length, 3);
  assert.match(htmls[0], /var b64/);
  assert.match(htmls[2], /var b64/, 'the final state still loads plotly.js');
  assert.match(htmls[1], /reglab-plot/);
  assert.ok(!htmls[1].includes('var b64'), 'later redraws do not resend plotly.js');
  const throttled = plot.liveCurves({ throttleMs: 60_000 });
  sent().length = 0;
  await drive(throttled, 5);
  // begin + first epoch + last epoch (always drawn) + final figure
  assert.equal(sent().length, 4);
});

test('outside a kernel it prints one line per epoch', async () => {
  setDisplaySender(undefined);
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try { await drive(plot.liveCurves(), 2); } finally { console.log = log; }
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^epoch 1\/2 · loss 1 · val_loss 2 ·/);
  assert.match(lines[2], /done$/);
});

test('formatSeconds', () => {
  assert.equal(formatSeconds(4.23), '4.2 s');
  assert.equal(formatSeconds(185), '3 min 05 s');
  assert.equal(formatSeconds(-1), '?');
});

test('through a real model.fit: history equals fit history, no tensor leaks per epoch', async () => {
  process.env.REGLAB_HEADLESS = '1';
  await tf.setBackend('cpu');
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
  const ys = tf.tensor2d([[1], [2], [3], [0]]);
  const live = plot.liveCurves();
  await model.fit(xs, ys, { epochs: 2, validationSplit: 0.25, callbacks: [live], verbose: 0 });
  const before = tf.memory().numTensors;
  const h = await model.fit(xs, ys, { epochs: 6, validationSplit: 0.25, callbacks: [live], verbose: 0 });
  const after = tf.memory().numTensors;
  assert.deepEqual(live.history.loss, h.history.loss);
  assert.deepEqual(live.history.val_loss, h.history.val_loss);
  assert.equal(after, before, 'a longer fit leaves no extra tensors');
  // also usable next to another tf.Callback (both are BaseCallback instances)
  const stop = tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 100 });
  await model.fit(xs, ys, { epochs: 2, validationSplit: 0.25, callbacks: [stop, live], verbose: 0 });
  assert.equal(live.history.loss.length, 2);
  tf.dispose([xs, ys]);
  model.dispose();
});
