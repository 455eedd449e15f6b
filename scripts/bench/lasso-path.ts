/**
 * Benchmark workload `lasso-path`: a 50-α lasso path on standardized diabetes with reglab's
 * coordinate descent (plain JS, Float64Array — no tfjs), against sklearn's `lasso_path`
 * (scripts/bench/lasso_path.py) on the same numbers (test/fixtures/reference/sklearn-diabetes.json).
 * Same settings on both sides: 50 alphas, eps 1e-3, tol 1e-4, maxIter 1000, Gram form (n > p).
 * One warm-up path, then the median of `repeats` timed paths.
 *
 * Run alone:  npx tsx scripts/bench/lasso-path.ts            → JSON of run()
 *             npx tsx scripts/bench/lasso-path.ts --compare  → also runs the .py, prints the ratio
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { lassoPath } from '../../src/linear';

export interface LassoPathResult {
  name: 'lasso-path';
  /** What computed it: plain JavaScript numbers (no tfjs backend involved). */
  backend: string;
  /** Median seconds of one 50-α path. */
  seconds: number;
  /** Objective (1/(2n))‖y − Xw‖² + α‖w‖₁ at each α (α decreasing). */
  objective: number[];
}

const root = join(__dirname, '..', '..');

function loadDiabetes(): { X: number[][]; y: number[] } {
  const data = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'reference', 'sklearn-diabetes.json'), 'utf8')) as { X: number[][]; y: number[] };
  // centre like the Python side (lassoPath centres again; a no-op up to rounding)
  const n = data.y.length;
  const p = data.X[0].length;
  const xMean = Array.from({ length: p }, (_, j) => data.X.reduce((s, r) => s + r[j], 0) / n);
  const yMean = data.y.reduce((s, v) => s + v, 0) / n;
  return { X: data.X.map((r) => r.map((v, j) => v - xMean[j])), y: data.y.map((v) => v - yMean) };
}

export async function run(options: { repeats?: number } = {}): Promise<LassoPathResult> {
  const repeats = options.repeats ?? 21;
  const { X, y } = loadDiabetes();
  const path = (): ReturnType<typeof lassoPath> => lassoPath(X, y, { nAlphas: 50, eps: 1e-3, tol: 1e-4, maxIter: 1000, precompute: 'auto' });
  let result = path(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    result = path();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { name: 'lasso-path', backend: 'js (Float64Array, no tfjs)', seconds: times[Math.floor(times.length / 2)], objective: result.objectives };
}

async function main(): Promise<void> {
  const mine = await run();
  if (!process.argv.includes('--compare')) {
    console.log(JSON.stringify(mine));
    return;
  }
  const py = spawnSync('/usr/bin/python3', [join(__dirname, 'lasso_path.py')], { encoding: 'utf8' });
  if (py.status !== 0) throw new Error(`lasso_path.py failed: ${py.stderr}`);
  const sk = JSON.parse(py.stdout) as { seconds: number; objective: number[]; sklearn: string };
  const maxRel = Math.max(...mine.objective.map((o, k) => Math.abs(o - sk.objective[k]) / Math.abs(sk.objective[k])));
  console.log(JSON.stringify({
    reglabSeconds: mine.seconds,
    sklearnSeconds: sk.seconds,
    ratio: mine.seconds / sk.seconds,
    maxRelativeObjectiveDifference: maxRel,
    within2x: mine.seconds <= 2 * sk.seconds,
    sameObjective: maxRel <= 1e-6,
    sklearn: sk.sklearn,
  }));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
