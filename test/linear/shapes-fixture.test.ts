import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLinear, lassoPath, LinearPenalty } from '../../src/linear';

// scripts/reference/sklearn_reference.py: sklearn Lasso / ElasticNet (positive False and True),
// Ridge(alpha = n·λ, cholesky) and lasso_path(positive=True) on a tall (300 × 60) and a wide
// (40 × 120, p > n: ridge's dual) seeded design.
interface Fit { penalty: LinearPenalty; alpha: number; l1Ratio: number; positive: boolean; coef: number[]; intercept: number; objective: number }
interface Case { name: string; n: number; p: number; X: number[][]; y: number[]; fits: Fit[]; positivePath: { nAlphas: number; eps: number; tol: number; alphas: number[]; coefs: number[][] } }
const file = join(__dirname, '..', 'fixtures', 'reference', 'sklearn-linear-shapes.json');
const ref = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };

/** max_j |got_j − want_j| ≤ rel · max_j |want_j|. */
function assertClose(got: number[], want: number[], rel: number, label: string): void {
  const scale = Math.max(...want.map(Math.abs));
  const worst = Math.max(...want.map((w, j) => Math.abs(got[j] - w)));
  assert.ok(worst <= rel * scale, `${label}: max |Δcoef| ${worst} > ${rel}·${scale}`);
}

for (const c of ref.cases) {
  for (const f of c.fits) {
    const label = `${c.name} ${c.n}×${c.p} ${f.penalty} α=${f.alpha.toPrecision(3)}${f.positive ? ' positive' : ''}`;
    test(`${label} matches scikit-learn to 1e-8`, () => {
      const fit = fitLinear(c.X, c.y, { penalty: f.penalty, alpha: f.alpha, l1Ratio: f.l1Ratio, positive: f.positive || undefined, tol: 1e-12, maxIter: 1000000 });
      assert.ok(fit.converged);
      assertClose(fit.coef, f.coef, 1e-8, label);
      assert.ok(Math.abs(fit.intercept - f.intercept) <= 1e-8 * Math.max(1, Math.abs(f.intercept)), `intercept ${fit.intercept} vs ${f.intercept}`);
      const last = fit.objective[fit.objective.length - 1];
      assert.ok(Math.abs(last - f.objective) <= 1e-10 * f.objective, `objective ${last} vs ${f.objective}`);
      if (f.positive) assert.ok(fit.coef.every((w) => w >= 0), 'positive: no negative coefficient');
      // sklearn's exact zeros are exact zeros here too
      if (f.penalty !== 'l2') f.coef.forEach((w, j) => w === 0 && assert.equal(fit.coef[j], 0, `coef[${j}]`));
    });
  }
  test(`${c.name}: positive lasso path matches sklearn lasso_path(positive=True)`, () => {
    const r = c.positivePath;
    const Xc = centre(c.X);
    const yc = centreVector(c.y);
    const path = lassoPath(Xc, yc, { nAlphas: r.nAlphas, eps: r.eps, tol: r.tol, maxIter: 1000000, positive: true, fitIntercept: false });
    path.alphas.forEach((a, k) => assert.ok(Math.abs(a - r.alphas[k]) <= 1e-12 * r.alphas[k], `alpha ${k}`));
    const scale = Math.max(...r.coefs.flat().map(Math.abs));
    path.coefs.forEach((w, k) => {
      const worst = Math.max(...w.map((v, j) => Math.abs(v - r.coefs[k][j])));
      assert.ok(worst <= 1e-8 * scale, `α[${k}]: max |Δcoef| ${worst}`);
      assert.ok(w.every((v) => v >= 0));
    });
  });
}

function centre(X: number[][]): number[][] {
  const n = X.length;
  const m = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  return X.map((r) => r.map((v, j) => v - m[j]));
}

function centreVector(y: number[]): number[] {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  return y.map((v) => v - m);
}

test('typed-array rows give the same fit as number[][] (same fast path)', () => {
  for (const c of ref.cases) {
    const typed = c.X.map((r) => Float64Array.from(r));
    for (const penalty of ['l1', 'l2'] as const) {
      const a = fitLinear(c.X, c.y, { penalty, alpha: 0.1, tol: 1e-10 });
      const b = fitLinear(typed, Float64Array.from(c.y), { penalty, alpha: 0.1, tol: 1e-10 });
      assert.deepEqual(b.coef, a.coef);
      assert.equal(b.intercept, a.intercept);
    }
  }
});

test('the plain-JavaScript kernels (REGLAB_LINEAR_SIMD=0) reach the same solutions as the SIMD ones', () => {
  const c = ref.cases[1];
  const before = process.env.REGLAB_LINEAR_SIMD;
  const run = (): number[][] => [
    fitLinear(c.X, c.y, { penalty: 'l1', alpha: 0.05, tol: 1e-12, maxIter: 100000 }).coef,
    fitLinear(c.X, c.y, { penalty: 'l2', alpha: 0.05 }).coef,
  ];
  const simd = run();
  process.env.REGLAB_LINEAR_SIMD = '0';
  try {
    const js = run();
    simd.forEach((w, k) => assertClose(js[k], w, 1e-10, `solution ${k}`));
  } finally {
    if (before === undefined) delete process.env.REGLAB_LINEAR_SIMD;
    else process.env.REGLAB_LINEAR_SIMD = before;
  }
});
