// src/args.ts: the one argument checker — message shape, TypeError vs RangeError, rendering of the
// received value, unknown keys with "did you mean", null never meaning "default".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checker, nearest, show } from '../src/args';
import * as rl from '../src';

const check = checker('rl.test.f');

describe('show: the received value as written', () => {
  const cases: [unknown, string][] = [
    ['1', "'1'"], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [-0, '-0'], [1.5, '1.5'],
    [null, 'null'], [undefined, 'undefined'], [true, 'true'], [10n, '10n'],
    [[1, 'a', null], "[1, 'a', null]"], [{ a: 1, b: 'x' }, "{ a: 1, b: 'x' }"], [{}, '{}'], [[], '[]'],
    [new Float32Array([1, 2]), 'Float32Array [1, 2]'], [new Date(0), 'a Date'],
    [[1, 2, 3, 4, 5, 6, 7, 8], '[1, 2, 3, 4, 5, 6, … (length 8)]'],
  ];
  for (const [value, text] of cases) it(`${text}`, () => assert.equal(show(value), text));
  it('functions are named', () => assert.equal(show(function fit() {}), 'a function (fit)'));
});

describe('message shape and error class', () => {
  it('a wrong type is a TypeError, a wrong value a RangeError, both in one shape', () => {
    assert.throws(() => check.nonNegative('alpha', '1'), { name: 'TypeError', message: "rl.test.f: `alpha` must be a finite number ≥ 0; received '1'" });
    assert.throws(() => check.nonNegative('alpha', -1), { name: 'RangeError', message: 'rl.test.f: `alpha` must be a finite number ≥ 0; received -1' });
    assert.throws(() => check.nonNegative('alpha', NaN), { name: 'RangeError', message: 'rl.test.f: `alpha` must be a finite number ≥ 0; received NaN' });
    assert.throws(() => check.positive('lr', 0), { name: 'RangeError', message: 'rl.test.f: `lr` must be a finite number > 0; received 0' });
    assert.throws(() => check.unit('p', 1.5), { name: 'RangeError', message: 'rl.test.f: `p` must be a number in [0, 1]; received 1.5' });
    assert.throws(() => check.number('b', 1, { min: 0, max: 1, maxOpen: true }), { name: 'RangeError', message: 'rl.test.f: `b` must be a number in [0, 1); received 1' });
    assert.throws(() => check.integer('k', 2.5, 1), { name: 'RangeError', message: 'rl.test.f: `k` must be an integer ≥ 1; received 2.5' });
    assert.throws(() => check.boolean('flag', 'yes'), { name: 'TypeError', message: "rl.test.f: `flag` must be true or false; received 'yes'" });
    assert.throws(() => check.oneOf('mode', 'mn', ['min', 'max']), { name: 'RangeError', message: "rl.test.f: `mode` must be one of 'min', 'max' (did you mean 'min'?); received 'mn'" });
    assert.throws(() => check.oneOf('mode', 3, ['min', 'max']), { name: 'TypeError', message: "rl.test.f: `mode` must be one of 'min', 'max'; received 3" });
  });

  it('undefined takes the default; null never does', () => {
    assert.equal(check.nonNegative('alpha', undefined, 1), 1);
    assert.equal(check.boolean('flag', undefined, false), false);
    assert.throws(() => check.nonNegative('alpha', null, 1), { name: 'TypeError', message: 'rl.test.f: `alpha` must be a finite number ≥ 0; received null' });
    assert.throws(() => check.boolean('flag', null, true), { name: 'TypeError', message: 'rl.test.f: `flag` must be true or false; received null' });
    assert.throws(() => check.options(null, ['a']), { name: 'TypeError', message: 'rl.test.f: `options` must be an options object like { a: … }; received null' });
  });

  it('unknown option keys are rejected, with a hint for near misses', () => {
    assert.throws(() => check.options({ patient: 5 }, ['monitor', 'patience']), {
      name: 'TypeError', message: 'rl.test.f: unknown option `patient` (did you mean `patience`?); known options: monitor, patience',
    });
    assert.throws(() => check.options({ zzz: 1 }, ['alpha']), { name: 'TypeError', message: 'rl.test.f: unknown option `zzz`; known options: alpha' });
    assert.equal(nearest('trainig', ['rate', 'training', 'seed']), 'training');
    assert.equal(nearest('datadir', ['dataDir']), 'dataDir');
    assert.equal(nearest('lr', ['learningRate', 'beta1']), undefined);
  });

  it('ranges must be ordered pairs; matrices rectangular and finite; size limits refuse up front', () => {
    assert.throws(() => check.range('r', [2, 1]), { name: 'RangeError', message: 'rl.test.f: `r` must be a [low, high] pair with low ≤ high, each a finite number; received [2, 1]' });
    assert.throws(() => check.matrix('X', [[1, 2], [3]]), { name: 'RangeError', message: 'rl.test.f: `X[1]` must be a row of 2 numbers like row 0 (rectangular); received [3]' });
    assert.throws(() => check.matrix('X', [[1, NaN]]), { name: 'RangeError', message: 'rl.test.f: `X[0][1]` must be a finite number; received NaN' });
    const huge = { length: 1e9, 0: [1, 2] } as unknown;
    assert.throws(() => check.matrix('X', Object.assign([[1, 2]], { length: 1 }), 1), /at most 1 entries; received 1 × 2/);
    assert.ok(huge);
    assert.throws(() => check.integer('bins', 1e9, 1, 40, 10_000), { name: 'RangeError', message: 'rl.test.f: `bins` must be an integer in [1, 10000]; received 1000000000' });
  });
});

describe('namespaces agree (the disagreements of issue 16)', () => {
  it("null is an error in regularizers.l1 exactly as in penalties.l1, not the default", () => {
    assert.throws(() => rl.regularizers.l1({ l1: null as never }), { name: 'TypeError', message: 'rl.regularizers.l1: `l1` must be a finite number ≥ 0; received null' });
    assert.throws(() => rl.penalties.l1({ alpha: null as never }), { name: 'TypeError', message: 'rl.penalties.l1: `alpha` must be a finite number ≥ 0; received null' });
  });

  it("a string where a number belongs is a TypeError everywhere", () => {
    for (const f of [
      () => rl.penalties.l1({ alpha: '1' as never }),
      () => rl.penalties.elasticNet({ alpha: '1' as never }),
      () => rl.regularizers.elasticNet({ alpha: '1' as never }),
      () => rl.optimizers.adamw({ weightDecay: '1' as never }),
      () => rl.linear.fitLinear([[1], [2]], [1, 2], { alpha: '1' as never, penalty: 'l2' }),
      () => rl.callbacks.earlyStopping({ minDelta: '1' as never }),
    ]) {
      assert.throws(f, (e: Error) => e instanceof TypeError && /^rl\.\w+\.\w+: `\w+` must be .*; received '1'$/.test(e.message));
    }
  });

  it('every namespace prefixes its messages with rl.<namespace>.<function>', () => {
    const cases: [() => unknown, string][] = [
      [() => rl.callbacks.earlyStopping({ patience: -1 }), 'rl.callbacks.earlyStopping:'],
      [() => rl.layers.invertedDropout(null as never, { rate: 0.5 }), 'rl.layers.invertedDropout:'],
      [() => rl.layers.spatialDropout2d({ rate: 2 }), 'rl.layers.spatialDropout2d:'],
      [() => rl.data.kFold(1), 'rl.data.kFold:'],
      [() => rl.tuning.logGrid(1, 10, 1), 'rl.tuning.logGrid:'],
      [() => rl.plot.heatmap([[1]], { digits: -1 }), 'rl.plot.heatmap:'],
      [() => rl.uncertainty.mcPredict((x) => x, null as never), 'rl.uncertainty.mcPredict:'],
      [() => rl.config.seed(NaN), 'rl.config.seed:'],
      [() => rl.stats.seeds(1, { full: 0 }), 'rl.stats.seeds:'],
    ];
    for (const [f, prefix] of cases) assert.throws(f, (e: Error) => e.message.startsWith(prefix), prefix);
  });
});
