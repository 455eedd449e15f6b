// `tf.image.transform` with two tfjs 4.22 kernel bugs worked around, so every backend gives
// TensorFlow's (and Keras's) result:
// 1. cpu kernel: `return` inside the batch loop — only image 0 of a batch is transformed, the
//    others come back as `fillValue`. Detected once per backend; then images go one at a time.
// 2. wasm kernel: 'reflect' maps negative coordinates as if wrapping (`-len` on an unsigned
//    size_t), so the top/left border comes from the opposite edge. We never ask a kernel for
//    'reflect': the image is mirror-padded ('symmetric' = d c b a | a b c d | d c b a) by its own
//    height and width and sampled with 'nearest' (exactly TF's reflect within one image size).
import * as tf from '@tensorflow/tfjs';
import type { FillMode, Interpolation } from './common';

const batchBugByBackend = new Map<string, boolean>();

/** True when the active backend's Transform kernel only transforms the first image of a batch. */
function transformsOnlyFirstImage(): boolean {
  const backend = tf.getBackend();
  let broken = batchBugByBackend.get(backend);
  if (broken === undefined) {
    broken = tf.tidy(() => {
      const images = tf.ones([2, 1, 1, 1]) as tf.Tensor4D;
      const identity = tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], [2, 8]);
      return tf.image.transform(images, identity, 'nearest', 'constant', 0).dataSync()[1] !== 1;
    });
    batchBugByBackend.set(backend, broken);
  }
  return broken;
}

/** Runs the kernel on the whole batch, or image by image where the batch path is broken. */
function transformBatch(images: tf.Tensor4D, transforms: tf.Tensor2D, interpolation: Interpolation,
  fillMode: Exclude<FillMode, 'reflect'>, fillValue: number, outputShape: [number, number]): tf.Tensor4D {
  if (images.shape[0] === 1 || !transformsOnlyFirstImage()) {
    return tf.image.transform(images, transforms, interpolation, fillMode, fillValue, outputShape);
  }
  const one = (b: number) => tf.image.transform(
    tf.slice(images, [b, 0, 0, 0], [1, -1, -1, -1]), tf.slice(transforms, [b, 0], [1, 8]),
    interpolation, fillMode, fillValue, outputShape);
  return tf.concat(Array.from({ length: images.shape[0] }, (_, b) => one(b)), 0);
}

/**
 * Applies one projective transform per image (rows `[a0, a1, a2, b0, b1, b2, c0, c1]` mapping
 * each OUTPUT pixel (x, y) to the input point ((a0x + a1y + a2)/k, (b0x + b1y + b2)/k),
 * k = c0x + c1y + 1 — `tf.image.transform`'s convention), keeping the image size.
 */
export function applyTransforms(images: tf.Tensor4D, rows: number[][], interpolation: Interpolation,
  fillMode: FillMode, fillValue: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, height, width] = images.shape;
    if (fillMode !== 'reflect') {
      return transformBatch(images, tf.tensor2d(rows, [rows.length, 8]), interpolation, fillMode, fillValue, [height, width]);
    }
    // Shift the sampling into the padded image: input (x, y) is padded pixel (x + W, y + H).
    // (Exact for affine rows, c0 = c1 = 0, which is all these layers produce.)
    const padded = tf.mirrorPad(images, [[0, 0], [height, height], [width, width], [0, 0]], 'symmetric');
    const shifted = rows.map(([a0, a1, a2, b0, b1, b2, c0, c1]) => [a0, a1, a2 + width, b0, b1, b2 + height, c0, c1]);
    return transformBatch(padded, tf.tensor2d(shifted, [rows.length, 8]), interpolation, 'nearest', fillValue, [height, width]);
  });
}
