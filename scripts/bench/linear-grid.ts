/**
 * Benchmark workload `linear`: reglab's linear solvers against scikit-learn on a grid of shapes,
 * in the same run on the same data (scripts/bench/linear_grid.py, a line server fed the same
 * float64 bytes). For each n × p and each task — lasso, elastic net (l1Ratio 0.5), ridge (closed
 * form) and a 50-α lasso path — one reglab call and one sklearn call alternate `repeats` times
 * (more for fast cells, see below) after a warm-up each; the best time of each side is kept. Printed per cell: the time ratio
 * reglab / sklearn, the largest coefficient difference relative to max|w_sklearn|, and the
 * relative difference of the objectives of the two solutions (computed here by one formula).
 *
 * Data: X ~ N(0, 1) with correlated neighbours, w* with 10% non-zeros, y = Xw* + N(0, 1) noise
 * (seeded). α = 0.05·α_max for lasso and elastic net, λ = 0.1 for ridge ((1/2n) scale), tol 1e-6,
 * at most 10⁴ sweeps; the path has 50 α down to eps·α_max (see epsFor).
 */
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, Interface } from 'node:readline';
import { fitLinear, lassoPath } from '../../src/linear';

export const SHAPES: [number, number][] = [[500, 50], [2000, 200], [2000, 400], [5000, 800], [200, 2000]];
export const TASKS = ['lasso', 'enet', 'ridge', 'path'] as const;
type Task = (typeof TASKS)[number];

const TOL = 1e-6;
const MAX_ITER = 10000;
const N_ALPHAS = 50;
/**
 * α_min / α_max of the path: sklearn's 1e-3 when n > p; 1e-2 when p > n, where the lasso at
 * 1e-3·α_max is close to interpolation and neither solver converges to tol 1e-6 in 10⁴ sweeps, so
 * two unconverged iterates would be compared.
 */
const epsFor = (n: number, p: number): number => (p > n ? 1e-2 : 1e-3);
const LAMBDA = 0.1;

export interface Cell {
  n: number;
  p: number;
  task: Task;
  reglabSeconds: number;
  sklearnSeconds?: number;
  /** reglab / sklearn wall seconds (best of each). */
  ratio?: number;
  /** CPU seconds of the best-CPU call of each side (all threads), and their ratio: less moved by other jobs. */
  reglabCpuSeconds?: number;
  sklearnCpuSeconds?: number;
  cpuRatio?: number;
  /** max_j |w_j − w_sk,j| / max_j |w_sk,j| (over all α for the path). */
  maxRelCoefDiff?: number;
  /** |F(w) − F(w_sk)| / |F(w_sk)| (largest over α for the path). */
  objectiveRelDiff?: number;
  /** Path only: α values where reglab / sklearn did not meet the tolerance. */
  notConverged?: { reglab: number; sklearn?: number };
}

/** mulberry32 + Box–Muller: the same numbers on every run. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function makeData(n: number, p: number, seed = 1): { X: number[][]; y: number[] } {
  const g = gaussian(seed * 7919 + n * 31 + p);
  const w = Array.from({ length: p }, (_, j) => (j % 10 === 0 ? g() * 3 : 0));
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(p);
    let prev = 0;
    for (let j = 0; j < p; j++) {
      prev = 0.5 * prev + g(); // neighbouring features correlated, as real designs are
      row[j] = prev;
    }
    let s = g();
    for (let j = 0; j < p; j++) s += row[j] * w[j];
    X.push(row);
    y.push(s);
  }
  return { X, y };
}

function centred(X: number[][], y: number[]): { X: number[][]; y: number[] } {
  const n = X.length;
  const p = X[0].length;
  const m = new Array<number>(p).fill(0);
  for (const r of X) for (let j = 0; j < p; j++) m[j] += r[j] / n;
  const ym = y.reduce((s, v) => s + v, 0) / n;
  return { X: X.map((r) => r.map((v, j) => v - m[j])), y: y.map((v) => v - ym) };
}

/** (1/(2n))‖y − Xw − b‖² + α·r·‖w‖₁ + (α/2)(1 − r)‖w‖². */
function objective(X: number[][], y: number[], w: number[], b: number, alpha: number, r: number): number {
  let r2 = 0;
  for (let i = 0; i < X.length; i++) {
    let e = y[i] - b;
    for (let j = 0; j < w.length; j++) e -= X[i][j] * w[j];
    r2 += e * e;
  }
  const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
  const l2 = w.reduce((s, v) => s + v * v, 0);
  return r2 / (2 * X.length) + alpha * r * l1 + 0.5 * alpha * (1 - r) * l2;
}

function relCoefDiff(w: number[], ref: number[]): number {
  const scale = Math.max(...ref.map(Math.abs), 1e-300);
  let m = 0;
  for (let j = 0; j < w.length; j++) m = Math.max(m, Math.abs(w[j] - ref[j]));
  return m / scale;
}

/** JSON-lines client of linear_grid.py. */
class Twin {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  constructor(python: string, script: string) {
    const env = { ...process.env };
    // set on some machines for old OpenBLAS builds; they make a current numpy pick a slow kernel
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    this.proc = spawn(python, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.lines = createInterface({ input: this.proc.stdout });
    this.lines.on('line', (l) => this.waiting.shift()?.(l));
    this.proc.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ error: `linear_grid.py exited ${code}: ${this.stderr.slice(-1500)}` }));
    });
  }
  ask<T>(cmd: Record<string, unknown>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const r = JSON.parse(line) as T & { error?: string };
        if (r.error) reject(new Error(r.error));
        else resolve(r);
      });
      this.proc.stdin.write(JSON.stringify(cmd) + '\n');
    });
  }
  close(): void {
    this.proc.stdin.end();
    this.lines.close();
  }
}

interface SkFit {
  seconds: number;
  cpuSeconds: number;
  coef?: number[];
  intercept?: number;
  coefs?: number[][];
  alphas?: number[];
  converged?: boolean[];
}

/** Wall and CPU seconds (this process, the Gram worker thread included) of one call. */
function seconds(run: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

export interface GridOptions {
  repeats: number;
  /** Path to python with sklearn, or undefined to time reglab alone. */
  python?: string;
  shapes?: [number, number][];
  log?: (s: string) => void;
}

export interface GridResult {
  cells: Cell[];
  sklearn?: { sklearn: string; numpy: string; blas: unknown };
}

export async function runGrid(o: GridOptions): Promise<GridResult> {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-linear-grid-'));
  const twin = o.python ? new Twin(o.python, join(__dirname, 'linear_grid.py')) : undefined;
  const cells: Cell[] = [];
  try {
    const info = twin ? await twin.ask<GridResult['sklearn'] & object>({ cmd: 'info' }) : undefined;
    for (const [n, p] of o.shapes ?? SHAPES) {
      const { X, y } = makeData(n, p);
      const c = centred(X, y);
      let alphaMax = 0;
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += c.X[i][j] * c.y[i];
        alphaMax = Math.max(alphaMax, Math.abs(s) / n);
      }
      const alpha = 0.05 * alphaMax;
      if (twin) {
        const xFile = join(dir, 'X.f64');
        const yFile = join(dir, 'y.f64');
        writeFileSync(xFile, Buffer.from(Float64Array.from(X.flat()).buffer));
        writeFileSync(yFile, Buffer.from(Float64Array.from(y).buffer));
        await twin.ask({ cmd: 'load', x: xFile, y: yFile, n, p });
      }
      for (const task of TASKS) {
        o.log?.(`  ${n}×${p} ${task}`);
        const r = task === 'lasso' ? 1 : task === 'enet' ? 0.5 : 0;
        const penalty = task === 'lasso' ? 'l1' : task === 'enet' ? 'elasticnet' : 'l2';
        const strength = task === 'ridge' ? LAMBDA : alpha;
        let coef: number[] = [];
        let intercept = 0;
        let pathCoefs: number[][] = [];
        let pathConverged: boolean[] = [];
        const eps = epsFor(n, p);
        const mine = (): void => {
          if (task === 'path') {
            const path = lassoPath(c.X, c.y, { nAlphas: N_ALPHAS, eps, tol: TOL, maxIter: MAX_ITER, fitIntercept: false });
            pathCoefs = path.coefs;
            pathConverged = path.converged;
          } else {
            const fit = fitLinear(X, y, { penalty, alpha: strength, l1Ratio: r, tol: TOL, maxIter: MAX_ITER });
            coef = fit.coef;
            intercept = fit.intercept;
          }
        };
        const cmd = { cmd: 'fit', task, alpha: strength, l1Ratio: r, tol: TOL, maxIter: MAX_ITER, nAlphas: N_ALPHAS, eps };
        mine(); // warm-up (JIT)
        let sk: SkFit | undefined = twin ? await twin.ask<SkFit>(cmd) : undefined;
        let best = Infinity;
        let skBest = Infinity;
        let cpuBest = Infinity;
        let skCpuBest = Infinity;
        // at least `repeats` rounds, more (up to 25) while a side has spent under a second: on a
        // shared machine the best of many short runs is the one that was not preempted
        let spent = 0;
        for (let k = 0; k < o.repeats || (spent < 1 && k < 25); k++) {
          const mineSeconds = seconds(mine);
          best = Math.min(best, mineSeconds.wall);
          cpuBest = Math.min(cpuBest, mineSeconds.cpu);
          spent += mineSeconds.wall;
          if (twin) {
            sk = await twin.ask<SkFit>(cmd);
            skBest = Math.min(skBest, sk.seconds);
            skCpuBest = Math.min(skCpuBest, sk.cpuSeconds);
          }
        }
        const cell: Cell = { n, p, task, reglabSeconds: best, reglabCpuSeconds: cpuBest };
        if (task === 'path') cell.notConverged = { reglab: pathConverged.filter((ok) => !ok).length };
        if (sk) {
          cell.sklearnSeconds = skBest;
          cell.ratio = best / skBest;
          cell.sklearnCpuSeconds = skCpuBest;
          cell.cpuRatio = cpuBest / skCpuBest;
          if (task === 'path' && sk.coefs && sk.alphas) {
            const alphas = sk.alphas;
            (cell.notConverged as { sklearn?: number }).sklearn = (sk.converged ?? []).filter((ok) => !ok).length;
            // relative to the largest coefficient on the path: at α_max both are 0 up to rounding
            const skCoefs = sk.coefs;
            const scale = Math.max(...skCoefs.flat().map(Math.abs), 1e-300);
            cell.maxRelCoefDiff = Math.max(...pathCoefs.map((w, k) => relCoefDiff(w, skCoefs[k]) * (Math.max(...skCoefs[k].map(Math.abs), 1e-300) / scale)));
            cell.objectiveRelDiff = Math.max(...pathCoefs.map((w, k) => {
              const ref = objective(c.X, c.y, (sk as SkFit).coefs![k], 0, alphas[k], 1);
              return Math.abs(objective(c.X, c.y, w, 0, alphas[k], 1) - ref) / Math.abs(ref);
            }));
          } else if (sk.coef) {
            cell.maxRelCoefDiff = relCoefDiff(coef, sk.coef);
            const ref = objective(X, y, sk.coef, sk.intercept ?? 0, strength, r);
            cell.objectiveRelDiff = Math.abs(objective(X, y, coef, intercept, strength, r) - ref) / Math.abs(ref);
          }
        }
        cells.push(cell);
      }
    }
    return { cells, sklearn: info };
  } finally {
    twin?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The grid as a Markdown table (README), one row per shape, one column per task. */
export function gridTable(cells: Cell[]): string {
  const shapes = [...new Set(cells.map((c) => `${c.n} × ${c.p}`))];
  const fmt = (c: Cell | undefined): string => {
    if (!c) return '';
    const t = `${c.reglabSeconds.toPrecision(2)} s`;
    if (c.ratio === undefined) return `${t} (no sklearn)`;
    return `${t} vs ${(c.sklearnSeconds as number).toPrecision(2)} s (${c.ratio.toFixed(2)}×; Δw ${(c.maxRelCoefDiff as number).toExponential(0)})`;
  };
  const head = '| n × p | lasso | elastic net (l1Ratio 0.5) | ridge (closed form) | 50-α lasso path |\n|---|---|---|---|---|';
  const rows = shapes.map((s) => {
    const of = (t: Task): Cell | undefined => cells.find((c) => `${c.n} × ${c.p}` === s && c.task === t);
    return `| ${s} | ${TASKS.map((t) => fmt(of(t))).join(' | ')} |`;
  });
  return [head, ...rows].join('\n');
}

if (require.main === module) {
  runGrid({ repeats: 3, python: '/usr/bin/python3', log: (s) => process.stderr.write(s + '\n') })
    .then((r) => {
      for (const c of r.cells) console.log(JSON.stringify(c));
      console.log(gridTable(r.cells));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
