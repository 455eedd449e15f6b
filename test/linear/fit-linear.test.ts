import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLinear, lassoPath, LinearPenalty, LinearSolver } from '../../src/linear';

// Reference values: scripts/reference/sklearn_reference.py (scikit-learn), committed JSON.
const fixtures = join(__dirname, '..', 'fixtures', 'reference');
const data = JSON.parse(readFileSync(join(fixtures, 'sklearn-diabetes.json'), 'utf8')) as { X: number[][]; y: number[] };
interface RefFit { penalty: LinearPenalty; alpha: number; l1Ratio: number; coef: number[]; intercept: number; objective: number }
interface RefPath { l1Ratio: number; nAlphas: number; eps: number; tol: number; alphas: number[]; coefs: number[][]; objectives: number[] }
const ref = JSON.parse(readFileSync(join(fixtures, 'sklearn-linear.json'), 'utf8')) as { fits: RefFit[]; paths: RefPath[] };

/** ≤ rel relative per coefficient, with a floor of rel·max|coef| for coefficients at (or near) 0. */
function assertCoefClose(got: number[], want: number[], rel: number, label: string, scale = Math.max(...want.map(Math.abs))): void {
  want.forEach((w, j) => {
    assert.ok(Math.abs(got[j] - w) <= rel * Math.max(Math.abs(w), 1e-3 * scale), `${label}: coef[${j}] ${got[j]} vs sklearn ${w}`);
  });
}

for (const f of ref.fits) {
  const solvers: LinearSolver[] = f.penalty === 'l1' || f.penalty === 'elasticnet' ? ['cd', 'fista'] : ['closed-form', 'cd'];
  for (const solver of solvers) {
    test(`fitLinear ${f.penalty} α=${f.alpha} (${solver}) matches scikit-learn to 1e-4 relative`, () => {
      const fit = fitLinear(data.X, data.y, { penalty: f.penalty, alpha: f.alpha, l1Ratio: f.l1Ratio, solver, tol: 1e-12, maxIter: 100000 });
      assert.ok(fit.converged, 'converged');
      assertCoefClose(fit.coef, f.coef, 1e-4, `${f.penalty} α=${f.alpha}`);
      assert.ok(Math.abs(fit.intercept - f.intercept) <= 1e-4 * Math.abs(f.intercept));
      const last = fit.objective[fit.objective.length - 1];
      assert.ok(Math.abs(last - f.objective) <= 1e-8 * f.objective, `objective ${last} vs ${f.objective}`);
      if (f.penalty === 'l1') {
        // sklearn's exact zeros are exact zeros here too
        f.coef.forEach((c, j) => c === 0 && assert.equal(fit.coef[j], 0, `coef[${j}] should be exactly 0`));
      }
    });
  }
}

test('defaults: closed form for none/l2, cd for l1/elasticnet, intercept fitted', () => {
  assert.equal(fitLinear(data.X, data.y).solver, 'closed-form');
  assert.equal(fitLinear(data.X, data.y, { penalty: 'l2' }).solver, 'closed-form');
  assert.equal(fitLinear(data.X, data.y, { penalty: 'l1' }).solver, 'cd');
  const en = fitLinear(data.X, data.y, { penalty: 'elasticnet' });
  assert.equal(en.solver, 'cd');
  assert.equal(en.l1Ratio, 0.5);
  assert.equal(en.alpha, 1);
});

test('cd objective decreases monotonically; ista/fista reach the cd optimum', () => {
  const cd = fitLinear(data.X, data.y, { penalty: 'l1', alpha: 0.1, tol: 1e-10 });
  for (let k = 1; k < cd.objective.length; k++) assert.ok(cd.objective[k] <= cd.objective[k - 1] * (1 + 1e-12), `sweep ${k}`);
  for (const solver of ['ista', 'fista'] as const) {
    const fit = fitLinear(data.X, data.y, { penalty: 'l1', alpha: 0.1, tol: 1e-10, solver, maxIter: 100000 });
    assertCoefClose(fit.coef, cd.coef, 1e-4, solver);
  }
});

test('gd on the smooth penalties reaches the closed form; a custom learningRate is honoured', () => {
  const exact = fitLinear(data.X, data.y, { penalty: 'l2', alpha: 0.1 });
  const gd = fitLinear(data.X, data.y, { penalty: 'l2', alpha: 0.1, solver: 'gd', tol: 1e-12, maxIter: 20000 });
  assert.ok(gd.converged);
  assertCoefClose(gd.coef, exact.coef, 1e-4, 'gd vs closed form');
  const slow = fitLinear(data.X, data.y, { penalty: 'l2', alpha: 0.1, solver: 'gd', learningRate: 1e-3, maxIter: 10 });
  const fast = fitLinear(data.X, data.y, { penalty: 'l2', alpha: 0.1, solver: 'gd', maxIter: 10 });
  assert.equal(slow.objective.length, 10);
  assert.ok(slow.objective[9] > fast.objective[9], 'a tiny step makes less progress');
});

test('subgradient steps (gd) on the lasso never give exact zeros; proximal steps (ista) do', () => {
  const gd = fitLinear(data.X, data.y, { penalty: 'l1', alpha: 1, solver: 'gd', maxIter: 2000 });
  const ista = fitLinear(data.X, data.y, { penalty: 'l1', alpha: 1, solver: 'ista', maxIter: 2000 });
  const zeros = (w: number[]): number => w.filter((v) => v === 0).length;
  assert.equal(zeros(gd.coef), 0);
  assert.ok(zeros(ista.coef) >= 2, `ista zeros ${zeros(ista.coef)}`);
});

test('no intercept: fits through the origin; predict = Xw + b', () => {
  // y = 2x exactly, with and without intercept; y = 2x + 3 with intercept
  const X = [[1], [2], [3], [4]];
  const a = fitLinear(X, [2, 4, 6, 8], { fitIntercept: false });
  assert.ok(Math.abs(a.coef[0] - 2) < 1e-12 && a.intercept === 0);
  const b = fitLinear(X, [5, 7, 9, 11]);
  assert.ok(Math.abs(b.coef[0] - 2) < 1e-12 && Math.abs(b.intercept - 3) < 1e-12);
  assert.ok(Math.abs(b.predict([[10]])[0] - 23) < 1e-10);
});

test('ridge closed form = (XᵀX + nαI)⁻¹Xᵀy by arithmetic; intercept is not penalized', () => {
  // centred 1-D data: x = [-1, 0, 1], y = [1, 2, 6] → x̄ = 0, ȳ = 3, Σx² = 2, Σxy = 5, n = 3
  // w = 5 / (2 + 3α); b = ȳ
  const fit = fitLinear([[-1], [0], [1]], [1, 2, 6], { penalty: 'l2', alpha: 0.5 });
  assert.ok(Math.abs(fit.coef[0] - 5 / (2 + 1.5)) < 1e-12);
  assert.ok(Math.abs(fit.intercept - 3) < 1e-12);
  // lasso in 1-D: w = S_{nα}(Σxy)/Σx² = (5 − 3·0.5)/2
  const lasso = fitLinear([[-1], [0], [1]], [1, 2, 6], { penalty: 'l1', alpha: 0.5, tol: 1e-12 });
  assert.ok(Math.abs(lasso.coef[0] - 1.75) < 1e-12);
  // α ≥ α_max = |Σxy|/n = 5/3 → exactly 0
  assert.equal(fitLinear([[-1], [0], [1]], [1, 2, 6], { penalty: 'l1', alpha: 5 / 3 }).coef[0], 0);
});

test('more features than samples: minimum-norm least squares and ridge via the dual', () => {
  // duplicated column: OLS min-norm splits the weight equally, ridge too (unique L2 solution)
  const X = [[1, 1], [2, 2], [3, 3]];
  const y = [2, 4, 6];
  const ols = fitLinear(X, y, { fitIntercept: false });
  assert.ok(Math.abs(ols.coef[0] - 1) < 1e-10 && Math.abs(ols.coef[1] - 1) < 1e-10);
  const wide = Array.from({ length: 3 }, (_, i) => Array.from({ length: 8 }, (_, j) => Math.sin(i * 8 + j + 1)));
  const r1 = fitLinear(wide, [1, -1, 0.5], { penalty: 'l2', alpha: 0.1, solver: 'closed-form' });
  const r2 = fitLinear(wide, [1, -1, 0.5], { penalty: 'l2', alpha: 0.1, solver: 'cd', tol: 1e-14, maxIter: 100000 });
  assertCoefClose(r1.coef, r2.coef, 1e-6, 'dual vs cd');
});

test('lassoPath reproduces sklearn lasso_path / enet_path (alphas, coefs, objectives)', () => {
  for (const r of ref.paths) {
    const path = lassoPath(data.X, data.y, { nAlphas: r.nAlphas, eps: r.eps, l1Ratio: r.l1Ratio, tol: r.tol, maxIter: 100000 });
    assert.equal(path.alphas.length, r.alphas.length);
    path.alphas.forEach((a, k) => assert.ok(Math.abs(a - r.alphas[k]) <= 1e-12 * r.alphas[k]));
    path.objectives.forEach((o, k) => assert.ok(Math.abs(o - r.objectives[k]) <= 1e-6 * r.objectives[k], `objective at ${k}`));
    const pathScale = Math.max(...r.coefs.flat().map(Math.abs));
    path.coefs.forEach((c, k) => assertCoefClose(c, r.coefs[k], 1e-4, `path ${r.l1Ratio} at α=${r.alphas[k]}`, pathScale));
    assert.ok(path.converged.every(Boolean));
    assert.equal(path.nonZeros[0], r.l1Ratio === 1 ? 0 : path.nonZeros[0]);
  }
  // explicit alphas are sorted descending
  const p = lassoPath(data.X, data.y, { alphas: [0.1, 10, 1] });
  assert.deepEqual(p.alphas, [10, 1, 0.1]);
});

test('bad input → errors naming the argument and the value', () => {
  const X = [[1, 2], [3, 4], [5, 7]];
  const y = [1, 2, 3];
  assert.throws(() => fitLinear(X, y, { penalty: 'l1', alpha: -1 }), /`alpha` must be a finite number ≥ 0; received -1/);
  assert.throws(() => fitLinear(X, y, { penalty: 'l1', alpha: NaN }), /`alpha`.*received NaN/);
  assert.throws(() => fitLinear(X, y, { penalty: 'elasticnet', l1Ratio: 1.2 }), /`l1Ratio` must be a number in \[0, 1\]; received 1.2/);
  assert.throws(() => fitLinear(X, y, { penalty: 'elasticnet', l1Ratio: -0.5 }), /`l1Ratio`.*received -0.5/);
  assert.throws(() => fitLinear([[1, NaN], [3, 4], [5, 7]], y), /`X` must contain finite numbers only; received NaN at X\[0\]\[1\]/);
  assert.throws(() => fitLinear([[1, 2], [3, Infinity], [5, 7]], y), /`X`.*received Infinity at X\[1\]\[1\]/);
  assert.throws(() => fitLinear(X, [1, -Infinity, 3]), /`y` must contain finite numbers only; received -Infinity at y\[1\]/);
  assert.throws(() => fitLinear([[1, 2], [3], [5, 7]], y), /`X` is ragged: row 1 has 1 values, row 0 has 2/);
  assert.throws(() => fitLinear(X, [1, 2]), /`X` has 3 rows but `y` has 2 values/);
  assert.throws(() => fitLinear([], []), /`X` is empty/);
  assert.throws(() => fitLinear([[], []], [1, 2]), /`X` has 0 columns/);
  assert.throws(() => fitLinear(X, y, { penalty: 'lasso' as LinearPenalty }), /`penalty` must be one of 'none', 'l1', 'l2', 'elasticnet'; received 'lasso'/);
  assert.throws(() => fitLinear(X, y, { penalty: 'l1', solver: 'closed-form' }), /`solver` must be 'cd', 'ista' or 'fista' for penalty 'l1' \(its L1 part has no closed form\); received 'closed-form'/);
  assert.throws(() => fitLinear(X, y, { tol: 0 }), /`tol`.*received 0/);
  assert.throws(() => fitLinear(X, y, { maxIter: 1.5 }), /`maxIter` must be an integer ≥ 1; received 1.5/);
  assert.throws(() => lassoPath(X, y, { l1Ratio: 2 }), /`l1Ratio`.*received 2/);
  assert.throws(() => lassoPath(X, y, { alphas: [1, -2] }), /`alphas\[1\]`.*received -2/);
  assert.throws(() => lassoPath([], [], {}), /`X` is empty/);
});

test('finite values whose squares overflow float64 are refused (sklearn refuses non-finite input)', () => {
  const big = data.X.map((r) => r.map((v) => v * 1e200));
  assert.throws(() => fitLinear(big, data.y, { penalty: 'l1', alpha: 0.1 }), /rl\.linear\.fitLinear: `X` column 0 is too large for float64 arithmetic \(its sum of squares is Infinity\); rescale X/);
  assert.throws(() => lassoPath(big, data.y), /rl\.linear\.lassoPath: `X` column 0 is too large/);
  assert.throws(() => fitLinear(data.X, data.y.map((v) => v * 1e300)), /`y` is too large for float64 arithmetic/);
  // large but representable is fine, and scale-equivariant: w(cX, y) = w(X, y)/c for OLS
  const scaled = fitLinear(data.X.map((r) => r.map((v) => v * 1e100)), data.y);
  const plain = fitLinear(data.X, data.y);
  scaled.coef.forEach((w, j) => assert.ok(Math.abs(w * 1e100 - plain.coef[j]) <= 1e-9 * Math.abs(plain.coef[j])));
});

test('gd / ista with a step far above 2/L stop with an error that says they diverged and what to use', () => {
  for (const solver of ['gd', 'ista'] as const) {
    assert.throws(
      () => fitLinear(data.X, data.y, { penalty: solver === 'gd' ? 'l2' : 'l1', alpha: 0.1, solver, learningRate: 1e10, maxIter: 1000 }),
      (e: Error) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, new RegExp(`rl\\.linear\\.fitLinear: solver '${solver}' diverged: the objective went from \\S+ to \\S+ in \\d+ iterations with \`learningRate\` = 10000000000`));
        // the suggested step is 1/L = 1/(λ_max(XᵀX)/n + α(1 − r)); standardized diabetes has λ_max/n ≈ 4.02
        const suggested = Number(/use learningRate ≤ (\S+) /.exec(e.message)?.[1]);
        assert.ok(suggested > 0.1 && suggested < 0.5, `suggested ${suggested}`);
        return true;
      },
    );
  }
  // the suggested step converges
  const ok = fitLinear(data.X, data.y, { penalty: 'l1', alpha: 0.1, solver: 'ista', maxIter: 100000, tol: 1e-8 });
  assert.ok(ok.converged);
});

test('positive: only with l1/elasticnet and cd; must be a boolean', () => {
  const X = [[1, 2], [3, 4], [5, 7]];
  const y = [1, 2, 3];
  assert.throws(() => fitLinear(X, y, { penalty: 'l2', positive: true }), /`positive` true needs penalty 'l1' or 'elasticnet' with solver 'cd'; received penalty 'l2', solver 'closed-form'/);
  assert.throws(() => fitLinear(X, y, { penalty: 'l1', solver: 'fista', positive: true }), /received penalty 'l1', solver 'fista'/);
  assert.throws(() => fitLinear(X, y, { penalty: 'l1', positive: 'yes' as unknown as boolean }), { name: 'TypeError', message: "rl.linear.fitLinear: `positive` must be true or false; received 'yes'" });
  // y = −x: the unconstrained lasso is negative, the positive one exactly 0 (sklearn clips at 0)
  const neg = [[-1], [0], [1]];
  assert.ok(fitLinear(neg, [1, 0, -1], { penalty: 'l1', alpha: 0.1 }).coef[0] < 0);
  assert.equal(fitLinear(neg, [1, 0, -1], { penalty: 'l1', alpha: 0.1, positive: true }).coef[0], 0);
});

test('option checks of issue 16: eps in (0, 1), precompute and fitIntercept typed, nAlphas bounded', () => {
  const X = [[1, 2], [3, 4], [5, 7]];
  const y = [1, 2, 3];
  assert.throws(() => lassoPath(X, y, { eps: 2 }), { name: 'RangeError', message: 'rl.linear.lassoPath: `eps` must be a number in (0, 1); received 2' });
  assert.throws(() => lassoPath(X, y, { precompute: 'yes' as never }), { name: 'RangeError', message: "rl.linear.lassoPath: `precompute` must be true, false or 'auto'; received 'yes'" });
  assert.throws(() => lassoPath(X, y, { fitIntercept: 1 as never }), { name: 'TypeError', message: 'rl.linear.lassoPath: `fitIntercept` must be true or false; received 1' });
  assert.throws(() => lassoPath(X, y, { nAlphas: 1e9 }), { name: 'RangeError', message: 'rl.linear.lassoPath: `nAlphas` must be an integer in [1, 100000]; received 1000000000' });
  assert.throws(() => fitLinear(X, y, { precompute: null as never }), { name: 'TypeError', message: "rl.linear.fitLinear: `precompute` must be true, false or 'auto'; received null" });
  assert.throws(() => fitLinear(X, y, { alpah: 1 } as never), /rl\.linear\.fitLinear: unknown option `alpah` \(did you mean `alpha`\?\)/);
});

test('Float64Array rows take the block copy and give the same fit; a NaN in one is still named', () => {
  const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
  const yy = rows.map((r, i) => 2 * r[0] - r[2] + 0.01 * Math.sin(5 * i));
  const plain = fitLinear(rows, yy, { penalty: 'l2', alpha: 0.1 });
  const typed = fitLinear(rows.map((r) => Float64Array.from(r)), yy, { penalty: 'l2', alpha: 0.1 });
  assert.deepEqual(typed.coef, plain.coef);
  assert.equal(typed.intercept, plain.intercept);
  const bad = rows.map((r) => Float64Array.from(r));
  bad[17][2] = NaN;
  assert.throws(() => fitLinear(bad, yy), /`X` must contain finite numbers only; received NaN at X\[17\]\[2\]/);
  bad[17][2] = 0;
  bad[30][1] = -Infinity;
  assert.throws(() => fitLinear(bad, yy, { fitIntercept: false }), /received -Infinity at X\[30\]\[1\]/);
  assert.throws(() => fitLinear([[1, 2], [3, '4' as unknown as number], [5, 6]], [1, 2, 3]), /finite numbers only; received .*4.* at X\[1\]\[1\]/);
});
