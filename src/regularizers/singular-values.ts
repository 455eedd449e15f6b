import * as tf from '@tensorflow/tfjs';
import { checker, described } from '../args';
import { symmetricEigen } from '../linear/eigen';

/**
 * Singular values σ₁ ≥ … ≥ σₙ of an m×n matrix (a Dense kernel, or a product of kernels), from
 * the eigenvalues of the Gram matrix WᵀW computed in float64: σᵢ = √λᵢ(WᵀW). Squaring halves
 * the usable precision, so values below ≈ 1e-8·σ₁ are read as 1e-8·σ₁ (a condition number is
 * then reported as ≈ 1e8, "numerically singular"). The diagnostic of orthogonality penalties:
 * W has orthonormal columns exactly when every σᵢ = 1.
 *
 * ```ts
 * rl.regularizers.singularValues([[3, 0], [0, 2]]); // [3, 2]
 * rl.regularizers.singularValues(layer.getWeights()[0] as tf.Tensor2D);
 * ```
 */
export function singularValues(matrix: tf.Tensor | number[][]): number[] {
  const check = checker('rl.regularizers.singularValues');
  const rows = matrix instanceof tf.Tensor ? tensorRows(matrix) : matrix;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((r) => Array.isArray(r) && r.length === rows[0].length && r.length > 0)) {
    throw check.error('matrix', 'a rank-2 tensor or a non-empty number[][] with rows of equal length', matrix, 'type');
  }
  const n = rows[0].length;
  rows.forEach((r, i) => check.finiteVector(`matrix[${i}]`, r));
  const gram = new Float64Array(n * n);
  for (const r of rows) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gram[i * n + j] += r[i] * r[j];
  }
  const values = Array.from(symmetricEigen(gram, n).values).sort((a, b) => b - a);
  const floor = Math.max(values[0], 0) * 1e-16;
  return values.map((v) => Math.sqrt(Math.max(v, floor)));
}

function tensorRows(t: tf.Tensor): number[][] {
  if (t.rank !== 2) {
    throw checker('rl.regularizers.singularValues').error('matrix', 'a rank-2 tensor', described(`a tensor of shape [${t.shape}]`));
  }
  return t.arraySync() as number[][];
}
