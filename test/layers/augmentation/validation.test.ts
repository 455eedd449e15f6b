// Argument checks: errors name the argument and quote the value received.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../../src';

describe('augmentation argument validation', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => rl.layers.randomFlip({ mode: 'diagonal' as never }), /randomFlip: `mode` must be one of 'horizontal', 'vertical', 'horizontal_and_vertical'; received "diagonal"/],
    [() => rl.layers.randomFlip(0.5 as never), /randomFlip: the argument must be an options object; received 0\.5/],
    [() => rl.layers.randomFlip({ seed: 'a' as never }), /`seed` must be an integer; received "a"/],
    [() => rl.layers.randomFlip({ fill_mode: 'constant' } as never), /unknown option `fill_mode`/],
    [() => rl.layers.randomTranslation({ heightFactor: 0.1 } as never), /randomTranslation: `widthFactor` is required; received undefined/],
    [() => rl.layers.randomTranslation({ heightFactor: 1.5, widthFactor: 0 }), /`heightFactor` must be a finite number in \[-1, 1\]; received 1\.5/],
    [() => rl.layers.randomTranslation({ heightFactor: [0.1], widthFactor: 0 } as never), /`heightFactor` must be a number or a pair \[lower, upper\] of numbers in \[-1, 1\]; received \[0\.1\]/],
    [() => rl.layers.randomTranslation({ heightFactor: 0, widthFactor: 0, fillMode: 'mirror' as never }), /`fillMode` must be one of 'reflect', 'wrap', 'constant', 'nearest'; received "mirror"/],
    [() => rl.layers.randomTranslation({ heightFactor: 0, widthFactor: 0, fillValue: NaN }), /`fillValue` must be a finite number; received NaN/],
    [() => rl.layers.randomRotation(undefined as never), /randomRotation: the argument must be an options object with `factor`; received undefined/],
    [() => rl.layers.randomRotation({ factor: '0.1' as never }), /`factor` must be a number or a pair.*received "0\.1"/],
    [() => rl.layers.randomRotation({ factor: 0.1, interpolation: 'cubic' as never }), /`interpolation` must be one of 'bilinear', 'nearest'; received "cubic"/],
    [() => rl.layers.randomZoom({ heightFactor: [0, 2] }), /`heightFactor`.*received \[0,2\]/],
    [() => rl.layers.randomZoom({ heightFactor: 0.1, widthFactor: -3 }), /`widthFactor` must be a finite number in \[-1, 1\]; received -3/],
    [() => rl.layers.randomErasing({ probability: 1.2 }), /`probability` must be a finite number in \[0, 1\]; received 1\.2/],
    [() => rl.layers.randomErasing({ scale: [0, 0.2] }), /`scale` must be a pair \[lower, upper\] with 0 < lower ≤ upper ≤ 1; received \[0,0\.2\]/],
    [() => rl.layers.randomErasing({ ratio: [-1, 2] }), /`ratio`.*received \[-1,2\]/],
    [() => rl.layers.randomErasing({ value: 'noise' as never }), /`value` must be a finite number; received "noise"/],
    [() => rl.layers.randomErasing({ dtype: 'int32' as never }), /`dtype` must be 'float32'; received "int32"/],
  ];
  for (const [make, message] of bad) {
    it(`rejects: ${message.source.slice(0, 70)}`, () => assert.throws(make, message));
  }

  it('rejects inputs that are not images', () => {
    const layer = rl.layers.randomFlip();
    assert.throws(() => layer.apply(tf.zeros([2, 3]), { training: true }), /RandomFlip: expects NHWC images of rank 4.*received shape \[2,3\]/);
  });
});
