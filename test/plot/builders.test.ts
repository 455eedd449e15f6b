import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as plot from '../../src/plot';
import { histogramCounts } from '../../src/plot/weight-histogram';

type T = Record<string, any>;

test('learningCurves: train solid, validation dashed, epochs from 1, one colour per run', () => {
  plot.resetColors();
  const fig = plot.learningCurves([
    { name: 'a', train: [3, 2, 1], validation: [4, 3, 3] },
    { name: 'b', validation: [5, 4] },
  ], { title: 'T', logY: true });
  const d = fig.data as T[];
  assert.equal(d.length, 3);
  assert.deepEqual(d.map((t) => t.name), ['a · train', 'a · validation', 'b · validation']);
  assert.deepEqual(d.map((t) => t.line.dash), ['solid', 'dash', 'dash']);
  assert.deepEqual(d[0].x, [1, 2, 3]);
  assert.equal(d[0].line.color, d[1].line.color);
  assert.notEqual(d[0].line.color, d[2].line.color);
  assert.equal((fig.layout as T).yaxis.type, 'log');
  assert.equal((fig.layout as T).title.text, 'T');
});

test('run colours are stable across figures and kinds of figure', () => {
  plot.resetColors();
  const curves = plot.learningCurves([{ name: 'L2', train: [1] }, { name: 'none', train: [2] }]);
  const bars = plot.compareBars({ none: 0.9, L2: 0.5, dropout: 0.6 });
  const hist = plot.weightHistogram([{ name: 'dropout', weights: [0, 1] }, { name: 'L2', weights: [0.5] }]);
  const colorOf = (name: string) => plot.colorFor(name);
  assert.equal((curves.data[0] as T).line.color, colorOf('L2'));
  assert.deepEqual((bars.data[0] as T).marker.color, [colorOf('none'), colorOf('L2'), colorOf('dropout')]);
  assert.equal((hist.data[1] as T).marker.color, colorOf('L2'));
  assert.equal(colorOf('L2'), plot.PALETTE[0]);
  assert.equal(colorOf('none'), plot.PALETTE[1]);
  assert.equal(colorOf('dropout'), plot.PALETTE[2]);
  plot.setColors({ baseline: '#444444' });
  assert.equal(plot.colorFor('baseline'), '#444444');
});

test('learningCurves rejects bad input, naming the argument and value', () => {
  assert.throws(() => plot.learningCurves([]), /rl\.plot\.learningCurves: `runs` must be a non-empty array; received \[\]$/);
  assert.throws(() => plot.learningCurves([{ name: 'a', train: [1, NaN] }]), /`runs\[0\]\.train\[1\]` must be a finite number; received NaN/);
  assert.throws(() => plot.learningCurves([{ name: 'a', train: [1, 0] }], { logY: true }), /`runs\[0\]\.train\[1\]` must be a number > 0 on a log axis; received 0$/);
  assert.throws(() => plot.learningCurves([{ name: 'a' }]), /`runs\[0\]` must be a run with `train` or `validation` values; received \{ name: 'a' \}$/);
  assert.throws(() => plot.learningCurves([{ name: 'a', train: [1] }, { name: 'a', train: [1] }]), /`runs\[1\]\.name` must be a name not used by an earlier entry \(names are unique\); received 'a'$/);
  assert.throws(() => plot.learningCurves([{ name: '', train: [1] }]), /`runs\[0\]\.name` must be a non-empty string; received ''$/);
});

test('regularizationPath: one line per feature over alpha, log x by default', () => {
  const fig = plot.regularizationPath([0.1, 1, 10], [[3, -1], [2, 0], [0.5, 0]], { featureNames: ['age', 'bmi'] });
  const d = fig.data as T[];
  assert.deepEqual(d.map((t) => t.name), ['age', 'bmi']);
  assert.deepEqual(d[0].y, [3, 2, 0.5]);
  assert.deepEqual(d[1].x, [0.1, 1, 10]);
  assert.equal((fig.layout as T).xaxis.type, 'log');
  assert.throws(() => plot.regularizationPath([0, 1], [[1], [2]]), /rl\.plot\.regularizationPath: `alphas\[0\]` must be a number > 0 on a log axis; received 0$/);
  assert.throws(() => plot.regularizationPath([1, 2], [[1]]), /one row per alpha \(2\); received 1 rows/);
  assert.throws(() => plot.regularizationPath([1], [[1, 2]], { featureNames: ['a'] }), /`featureNames` must be an array of 2 names \(one per column of coefs\); received \['a'\]$/);
  assert.throws(() => plot.regularizationPath([1, 2], [[1, 2], [3]]), /`coefs\[1\]` must be a row of 2 numbers like row 0 \(rectangular\); received \[3\]$/);
});

test('weightHistogram: counts by arithmetic over the common range, bars aligned across runs', () => {
  // range [0, 1], 4 bins of 0.25: 0 and 0.1 → bin 0; 0.3 → bin 1; 0.5 → bin 2; 1 (max) → last bin
  assert.deepEqual(histogramCounts([0, 0.1, 0.3, 0.5, 1], 0, 1, 4), [2, 1, 1, 1]);
  const fig = plot.weightHistogram([{ name: 'p', weights: [0, 0.1, 0.3, 0.5, 1] }, { name: 'q', weights: [0.6, 0.7] }], { bins: 4 });
  const d = fig.data as T[];
  assert.deepEqual(d[0].y, [2, 1, 1, 1]);
  assert.deepEqual(d[1].y, [0, 0, 2, 0]);
  assert.deepEqual(d[0].x, [0.125, 0.375, 0.625, 0.875]);
  assert.deepEqual(d[0].x, d[1].x);
  const dens = plot.weightHistogram([{ name: 'p', weights: [0, 0.1, 0.3, 0.5, 1] }], { bins: 4, density: true });
  const area = (dens.data[0] as T).y.reduce((s: number, v: number) => s + v * 0.25, 0);
  assert.ok(Math.abs(area - 1) < 1e-12);
  assert.throws(() => plot.weightHistogram([{ name: 'p', weights: [1] }], { bins: 0 }), /rl\.plot\.weightHistogram: `bins` must be an integer in \[1, 10000\]; received 0$/);
});

test('decisionBoundary: predict called once on a resolution² grid covering the data', () => {
  let calls = 0;
  let seen: number[][] = [];
  const X = [[0, 0], [1, 2], [2, 1]];
  const fig = plot.decisionBoundary((pts) => { calls += 1; seen = pts; return pts.map(([a]) => (a > 1 ? 1 : 0)); }, X, [0, 1, 1], { resolution: 5, padding: 0 });
  assert.equal(calls, 1);
  assert.equal(seen.length, 25);
  assert.deepEqual(seen[0], [0, 0]);
  assert.deepEqual(seen[24], [2, 2]);
  const d = fig.data as T[];
  assert.equal(d[0].type, 'contour');
  assert.equal(d[0].z.length, 5);
  assert.deepEqual(d[0].z[0], [0, 0, 0, 1, 1]); // x = 0, .5, 1, 1.5, 2
  assert.deepEqual(d.slice(1).map((t) => t.name), ['class 0', 'class 1']);
  assert.deepEqual(d[2].x, [1, 2]);
  assert.throws(() => plot.decisionBoundary(() => [1], X, [0, 1, 1]), /`predict` must be a function returning one number per grid point \(6400\); received 1 numbers$/);
  assert.throws(() => plot.decisionBoundary((p) => p.map(() => 0), [[1, 2, 3]], [0]), /`X` must be a matrix of 2 columns \(a 2-D input\); received 3 columns$/);
  assert.throws(() => plot.decisionBoundary((p) => p.map(() => 0), X, [0, 1]), /`y` must be an array with one label per row of X \(3\); received length 2$/);
});

test('imageGrid: rows of width × height pixels, one subplot per image, row-major', () => {
  const fig = plot.imageGrid([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [0, 0, 0, 0, 0, 0]], { width: 3, height: 2, cols: 2, titles: ['a', 'b', 'c'] });
  const d = fig.data as T[];
  assert.equal(d.length, 3);
  assert.deepEqual(d[0].z, [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual([d[0].xaxis, d[1].xaxis, d[2].yaxis], ['x', 'x2', 'y3']);
  const layout = fig.layout as T;
  assert.deepEqual([layout.grid.rows, layout.grid.columns], [2, 2]);
  assert.equal(layout.yaxis2.autorange, 'reversed');
  assert.deepEqual(layout.annotations.map((a: T) => a.text), ['a', 'b', 'c']);
  assert.throws(() => plot.imageGrid([[1, 2, 3]], { width: 2, height: 2 }), /`images\[0\]` must be an array of width × height = 4 values; received 3 values$/);
  assert.throws(() => plot.imageGrid([[1]], { width: 0, height: 1 }), /rl\.plot\.imageGrid: `width` must be an integer in \[1, 4096\]; received 0$/);
  assert.throws(() => plot.imageGrid([[1]], { width: 1, height: 1, titles: [] }), /`titles` must be an array of 1 titles \(one per image\); received \[\]$/);
});

test('compareBars, heatmap, lineChart, scatter: shapes and validation', () => {
  const bars = plot.compareBars([{ name: 'x', value: 0.123456 }, { name: 'y', value: 2 }], { errors: [0.1, 0.2] });
  assert.deepEqual((bars.data[0] as T).y, [0.123456, 2]);
  assert.deepEqual((bars.data[0] as T).text, ['0.123', '2']);
  assert.deepEqual((bars.data[0] as T).error_y.array, [0.1, 0.2]);
  assert.throws(() => plot.compareBars({}), /rl\.plot\.compareBars: `rows` must be a non-empty array of \{ name, value \} or a record name → value; received \{\}$/);
  assert.throws(() => plot.compareBars({ a: Infinity }), /`rows\[\]\.value\[0\]` must be a finite number; received Infinity/);
  const hm = plot.heatmap([[1, 2], [3, 4]], { x: ['p0', 'p1'], y: [0, 1e-3], digits: 2 });
  assert.deepEqual((hm.data[0] as T).y, ['0', '0.001']);
  assert.throws(() => plot.heatmap([[1, 2], [3, 4]], { x: ['a'] }), /rl\.plot\.heatmap: `x` must be an array of 2 labels \(one per column\); received \['a'\]$/);
  const lc = plot.lineChart([{ name: 's', x: [1, 2], y: [3, 4], dash: true }], { logX: true });
  assert.equal((lc.data[0] as T).line.dash, 'dash');
  assert.throws(() => plot.lineChart([{ name: 's', x: [1, 2], y: [3] }]), /`series\[0\]\.y` must be an array of as many values as x \(2\); received 1 values$/);
  assert.equal((plot.scatter([{ name: 's', x: [1], y: [2] }]).data[0] as T).mode, 'markers');
});
