// Argument checks: errors name the argument and quote the value received.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';

describe('augmentation argument validation', () => {
  const bad: [() => unknown, ErrorConstructor, string][] = [
    [() => rl.layers.randomFlip({ mode: 'diagonal' as never }), RangeError, "rl.layers.randomFlip: `mode` must be one of 'horizontal', 'vertical', 'horizontal_and_vertical'; received 'diagonal'"],
    [() => rl.layers.randomFlip(0.5 as never), TypeError, "rl.layers.randomFlip: `options` must be an options object like { seed: … }; received 0.5"],
    [() => rl.layers.randomFlip({ seed: 'a' as never }), TypeError, "rl.layers.randomFlip: `seed` must be an integer; received 'a'"],
    [() => rl.layers.randomFlip({ seed: 1.5 }), RangeError, "rl.layers.randomFlip: `seed` must be an integer; received 1.5"],
    [() => rl.layers.randomFlip({ fill_mode: 'constant' } as never), TypeError, "rl.layers.randomFlip: unknown option `fill_mode`; known options: seed, name, inputShape, batchInputShape, batchSize, dtype, trainable, inputDType, customObjects, mode"],
    [() => rl.layers.randomTranslation({ heightFactor: 0.1 } as never), TypeError, "rl.layers.randomTranslation: `widthFactor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received undefined"],
    [() => rl.layers.randomTranslation({ heightFactor: 1.5, widthFactor: 0 }), RangeError, "rl.layers.randomTranslation: `heightFactor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received 1.5"],
    [() => rl.layers.randomTranslation({ heightFactor: [0.1], widthFactor: 0 } as never), TypeError, "rl.layers.randomTranslation: `heightFactor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received [0.1]"],
    [() => rl.layers.randomTranslation({ heightFactor: 0, widthFactor: 0, fillMode: 'mirror' as never }), RangeError, "rl.layers.randomTranslation: `fillMode` must be one of 'reflect', 'wrap', 'constant', 'nearest'; received 'mirror'"],
    [() => rl.layers.randomTranslation({ heightFactor: 0, widthFactor: 0, fillValue: NaN }), RangeError, "rl.layers.randomTranslation: `fillValue` must be a finite number; received NaN"],
    [() => rl.layers.randomRotation(undefined as never), TypeError, "rl.layers.randomRotation: `factor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received undefined"],
    [() => rl.layers.randomRotation({ factor: '0.1' as never }), TypeError, "rl.layers.randomRotation: `factor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received '0.1'"],
    [() => rl.layers.randomRotation({ factor: 0.1, interpolation: 'cubic' as never }), RangeError, "rl.layers.randomRotation: `interpolation` must be one of 'bilinear', 'nearest'; received 'cubic'"],
    [() => rl.layers.randomZoom({ heightFactor: [0, 2] }), RangeError, "rl.layers.randomZoom: `heightFactor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received [0, 2]"],
    [() => rl.layers.randomZoom({ heightFactor: 0.1, widthFactor: -3 }), RangeError, "rl.layers.randomZoom: `widthFactor` must be a number or a [lower, upper] pair of numbers in [-1, 1] with lower ≤ upper; received -3"],
    [() => rl.layers.randomErasing({ probability: 1.2 }), RangeError, "rl.layers.randomErasing: `probability` must be a number in [0, 1]; received 1.2"],
    [() => rl.layers.randomErasing({ scale: [-0.1, 0.2] }), RangeError, "rl.layers.randomErasing: `scale[0]` must be a number in [0, 1]; received -0.1"],
    [() => rl.layers.randomErasing({ ratio: [-1, 2] }), RangeError, "rl.layers.randomErasing: `ratio[0]` must be a finite number > 0; received -1"],
    [() => rl.layers.randomErasing({ value: 'noise' as never }), TypeError, "rl.layers.randomErasing: `value` must be a finite number; received 'noise'"],
    [() => rl.layers.randomErasing({ dtype: 'int32' as never }), RangeError, "rl.layers.randomErasing: `dtype` must be one of 'float32'; received 'int32'"],
  ];
  for (const [make, kind, message] of bad) {
    it(`rejects: ${message.slice(0, 80)}`, () => assert.throws(make, { name: kind.name, message }));
  }

  it('rejects inputs that are not images', () => {
    const layer = rl.layers.randomFlip();
    assert.throws(() => layer.apply(tf.zeros([2, 3]), { training: true }), /RandomFlip: `inputs` must be NHWC images of rank 4 \[batch, height, width, channels\] or rank 3; received shape \[2,3\]$/);
  });
});
