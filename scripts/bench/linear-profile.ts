/**
 * Where the time of the Gram-bound linear cells goes: ridge by Cholesky on 5000 × 800, 2000 × 400
 * (primal) and 200 × 2000 (dual), and the Gram part of the 50-α path on 5000 × 800, split into
 * the copy of X into the heap, the Gram pass (XᵀX or XXᵀ), Xᵀy, the Cholesky factor and the
 * solves. The Gram pass is also printed in GFLOP/s, on two threads and in CPU time on one, against
 * numpy's `X.T @ X` on the same data in the same run (scripts/bench/linear_profile.py). Best of
 * `--repeats` (default 5);
 * numpy runs after reglab for each shape. "rest" is fitLinear's time outside the parts timed here
 * (the residual for the objective, the result arrays). GFLOP/s count n·p² flops (the triangle),
 * which is what both numpy's syrk and reglab compute.
 *
 *   npx tsx scripts/bench/linear-profile.ts [--repeats 5] [--no-numpy]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeData } from './linear-grid';
import { gram, kernelMatrix, makeDesign, xtv } from '../../src/linear/design';
import { cholesky, choleskySolve } from '../../src/linear/cholesky';
import { fitLinear, lassoPath } from '../../src/linear';
import { lastPass } from '../../src/linear/gram-blocks';

const args = process.argv.slice(2);
const repeats = Number(args[args.indexOf('--repeats') + 1] || 5) || 5;
const numpy = !args.includes('--no-numpy');
const SHAPES: [number, number][] = [[5000, 800], [2000, 400], [200, 2000], [2000, 200]];

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** X − x̄ and y − ȳ (the grid's path runs on centred data without an intercept). */
function centre(X: number[][], y: number[]): { X: number[][]; y: number[] } {
  const p = X[0].length;
  const mean = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) mean[j] += row[j] / X.length;
  const ym = y.reduce((s, v) => s + v, 0) / y.length;
  return { X: X.map((row) => row.map((v, j) => v - mean[j])), y: y.map((v) => v - ym) };
}

function numpyGram(X: number[][], n: number, p: number, dual: boolean): { wall: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-linear-profile-'));
  try {
    const file = join(dir, 'X.f64');
    writeFileSync(file, Buffer.from(Float64Array.from(X.flat()).buffer));
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'linear_profile.py'), file, String(n), String(p), dual ? 'dual' : 'primal', String(repeats)], { env });
    const [wall, cpu] = out.toString().trim().split(/\s+/).map(Number);
    return { wall, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function profile(n: number, p: number): void {
  const { X, y } = makeData(n, p);
  const centred = centre(X, y);
  const best: Record<string, number> = {};
  const keep = (k: string, t: number): void => {
    best[k] = Math.min(best[k] ?? Infinity, t);
  };
  const dual = p > n;
  const m = dual ? n : p;
  for (let r = 0; r < repeats + 1; r++) {
    let t = now();
    const d = makeDesign('profile', X, y, true);
    keep('copy X (makeDesign)', now() - t);
    try {
      t = now();
      let Q: number;
      let stride: number;
      if (dual) {
        Q = kernelMatrix(d);
        stride = d.ld;
      } else {
        const g = gram(d);
        Q = g.Q;
        stride = g.stride;
      }
      keep(dual ? 'XXᵀ (kernelMatrix)' : 'XᵀX + Xᵀy (gram)', now() - t);
      t = now();
      const q = dual ? d.heap.f64.slice(d.yOff, d.yOff + n) : xtv(d, d.yOff);
      keep(dual ? 'y copy' : '  of which Xᵀy', now() - t);
      for (let j = 0; j < m; j++) d.heap.f64[Q + j * stride + j] += n * 0.1;
      t = now();
      const ok = cholesky(d.heap, Q, stride, m);
      keep(`cholesky ${m}×${m}`, now() - t);
      if (!ok) throw new Error('not SPD');
      const x = d.heap.alloc(stride);
      t = now();
      choleskySolve(d.heap, Q, stride, m, q, x);
      keep('two triangular solves', now() - t);
    } finally {
      d.heap.dispose();
    }
    t = now();
    fitLinear(X, y, { penalty: 'l2', alpha: 0.1 });
    keep('fitLinear ridge (whole)', now() - t);
    if (n === 5000 && r < 3) {
      // the grid's path: centred number[][] data, no intercept; its Gram pass is the one above
      t = now();
      lassoPath(centred.X, centred.y, { nAlphas: 50, tol: 1e-6, maxIter: 10000, fitIntercept: false });
      keep('lassoPath 50 α (whole)', now() - t);
    }
  }
  const gramKey = Object.keys(best).find((k) => k.startsWith('X'))!;
  const pass = { ...lastPass }; // of the last threaded Gram pass above
  const gramCpu1 = oneThreadGramCpu(X, y, dual);
  const flops = (dual ? p : n) * m * m; // the triangle, m²/2 multiply-adds per row: what syrk and reglab compute
  const whole = best['fitLinear ridge (whole)'];
  const parts = Object.entries(best).filter(([k]) => !k.includes('whole') && !k.includes('of which')).reduce((s2, [, v]) => s2 + v, 0);
  const rest = whole - parts;
  console.log(`\n${n} × ${p} (${dual ? 'dual' : 'primal'}), best of ${repeats}, load average ${loadavg()[0].toFixed(1)}:`);
  for (const [k, v] of Object.entries(best)) {
    const share = k.includes('whole') && !k.startsWith('rest') ? '' : `${((100 * v) / whole).toFixed(0).padStart(4)} %`;
    console.log(`  ${k.padEnd(36)} ${(v * 1000).toFixed(1).padStart(8)} ms ${share}`);
  }
  // best-of times of the whole and of its parts come from different repeats: a small negative rest is noise
  const restText = rest > 0 ? `${(rest * 1000).toFixed(1).padStart(8)} ms ${((100 * rest) / whole).toFixed(0).padStart(4)} %` : '   below the noise of the best-of times';
  console.log(`  ${'rest of fitLinear (whole − parts)'.padEnd(36)} ${restText}`);
  const gflops = (seconds: number): string => `${(flops / seconds / 1e9).toFixed(1)} GFLOP/s`;
  console.log(`  Gram pass, ${pass.threads} thread(s)                ${gflops(best[gramKey]).padStart(14)} (worker took ${pass.workerTasks} of ${pass.tasks} tasks)`);
  console.log(`  Gram pass, one thread: CPU            ${(gramCpu1 * 1000).toFixed(1).padStart(8)} ms = ${gflops(gramCpu1)} per core`);
  if (numpy) {
    const s = numpyGram(X, n, p, dual);
    const what = dual ? 'X @ X.T' : 'X.T @ X';
    console.log(`  numpy ${what} (syrk, 2 threads)     ${(s.wall * 1000).toFixed(1).padStart(8)} ms = ${gflops(s.wall)}; CPU ${(s.cpu * 1000).toFixed(1)} ms`);
  }
}

/** CPU seconds of the Gram pass with REGLAB_LINEAR_THREADS=1 (best of `repeats`). */
function oneThreadGramCpu(X: number[][], y: number[], dual: boolean): number {
  const before = process.env.REGLAB_LINEAR_THREADS;
  process.env.REGLAB_LINEAR_THREADS = '1';
  let best = Infinity;
  try {
    const d = makeDesign('profile', X, y, true);
    for (let r = 0; r < repeats; r++) {
      const mark = d.heap.mark();
      const c0 = process.cpuUsage();
      if (dual) kernelMatrix(d);
      else gram(d);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1e6);
      d.heap.release(mark);
    }
    d.heap.dispose();
  } finally {
    if (before === undefined) delete process.env.REGLAB_LINEAR_THREADS;
    else process.env.REGLAB_LINEAR_THREADS = before;
  }
  return best;
}

const which = args.filter((a) => /^\d+x\d+$/.test(a)).map((a) => a.split('x').map(Number) as [number, number]);
for (const [n, p] of which.length ? which : SHAPES) profile(n, p);
