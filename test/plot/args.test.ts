// Bad input to rl.plot (issue 16): one message shape, unknown keys, size limits up front.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rl from '../../src';

test('heatmap({digits: -1}) is an argument error, not a toPrecision failure', () => {
  assert.throws(() => rl.plot.heatmap([[1, 2]], { digits: -1 }), { name: 'RangeError', message: 'rl.plot.heatmap: `digits` must be an integer in [0, 100]; received -1' });
  assert.throws(() => rl.plot.compareBars({ a: 1 }, { digits: 1.5 }), { name: 'RangeError', message: 'rl.plot.compareBars: `digits` must be an integer in [0, 100]; received 1.5' });
});

test('resolutions and bin counts are bounded before any grid is built', () => {
  let calls = 0;
  const predict = (points: number[][]) => { calls += 1; return points.map(() => 0); };
  assert.throws(() => rl.plot.decisionBoundary(predict, [[0, 0], [1, 1]], [0, 1], { resolution: 1e5 }), {
    name: 'RangeError', message: 'rl.plot.decisionBoundary: `resolution` must be an integer in [2, 1000]; received 100000',
  });
  assert.equal(calls, 0);
  assert.throws(() => rl.plot.weightHistogram([{ name: 'w', weights: [1, 2] }], { bins: 1e8 }), {
    name: 'RangeError', message: 'rl.plot.weightHistogram: `bins` must be an integer in [1, 10000]; received 100000000',
  });
  assert.throws(() => rl.plot.imageGrid([[0]], { width: 1e6, height: 1 }), { name: 'RangeError', message: 'rl.plot.imageGrid: `width` must be an integer in [1, 4096]; received 1000000' });
});

test('unknown options and non-booleans are named', () => {
  assert.throws(() => rl.plot.lineChart([{ name: 'a', x: [1], y: [1] }], { logy: true } as never), /rl\.plot\.lineChart: unknown option `logy` \(did you mean `logY`\?\)/);
  assert.throws(() => rl.plot.learningCurves([{ name: 'a', train: [1] }], { logY: 'yes' as never }), {
    name: 'TypeError', message: "rl.plot.learningCurves: `logY` must be true or false; received 'yes'",
  });
  assert.throws(() => rl.plot.show({ data: [], layout: {} }, { static: 1 } as never), { name: 'TypeError', message: 'rl.plot.show: `static` must be true or false; received 1' });
});
