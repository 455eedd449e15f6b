// A whole run: notebooks × seeds, this shard's share, checked before anything starts (parameters
// against each notebook's declarations, output folders writable), executed `jobs` at a time, then
// report.json (one per seed too), JUnit XML and the totals line `N passed, N failed`.
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assignmentsFor, ParameterTypeError } from './declarations';
import { runNotebook, type RunOptions } from './execute';
import { writeJunit } from './junit';
import { displayPath, loadNotebook } from './notebook';
import type { Parameter } from './parameters';
import { pool } from './pool';
import type { Progress } from './progress';
import { failureDetails, runName, summaryLine, totalsLine, writeReport, type NotebookResult, type Report } from './report';
import { shardRuns, type Shard } from './shard';
import { UsageError } from './usage-error';
import { checkWritableFile, checkWritableFolder } from './writable';

export interface RunAllOptions extends Omit<RunOptions, 'seed' | 'events'> {
  files: string[];
  jobs: number;
  reportPath: string;
  junitPath?: string;
  /** --seeds: each notebook runs once per seed with `seed = K` injected. */
  seeds?: number[];
  shard?: Shard;
  progress: Progress;
}

interface PlannedRun {
  path: string;
  seed?: number;
}

/** Runs everything; resolves to the exit status (0 all passed, 1 any failed). Throws UsageError before running. */
export async function runAll(o: RunAllOptions): Promise<number> {
  if (o.seeds !== undefined && o.parameters.some((p) => p.name === 'seed')) {
    throw new UsageError('--seeds and -p seed=… both set the seed; give one of them');
  }
  const all: PlannedRun[] = o.files.flatMap((path) => (o.seeds ?? [undefined]).map((seed) => ({ path, seed })));
  const runs = shardRuns(all, o.shard);
  checkBeforeRunning(o, runs);
  if (runs.length === 0) o.progress.print(`shard ${o.shard?.index}/${o.shard?.count}: no notebook runs fall to this shard`);

  const started = new Date();
  const t = performance.now();
  const results: NotebookResult[] = await pool(runs.length, o.jobs, async (i) => {
    const { path, seed } = runs[i];
    const handle = o.progress.start(runName({ notebook: basename(path), seed }));
    const result = await runNotebook(path, {
      ...o,
      outDir: seed === undefined ? o.outDir : join(o.outDir, `seed-${seed}`),
      parameters: seed === undefined ? o.parameters : [...o.parameters, { name: 'seed', raw: String(seed), value: seed }],
      seed,
      events: handle,
    });
    handle.end();
    const details = failureDetails(result);
    o.progress.print(`${summaryLine(result)}${details ? `\n${details}` : ''}`);
    return result;
  });
  const seconds = Math.round(performance.now() - t) / 1000;

  const report = (notebooks: NotebookResult[], seeds: number[] | undefined): Report => {
    const passed = notebooks.filter((r) => r.status === 'passed').length;
    return {
      version: 1,
      started: started.toISOString(),
      seconds,
      options: {
        smoke: o.smoke,
        timeoutSeconds: o.timeoutMs / 1000,
        jobs: o.jobs,
        parameters: Object.fromEntries(o.parameters.map((p) => [p.name, p.raw])),
        ...(seeds ? { seeds } : {}),
        ...(o.shard ? { shard: `${o.shard.index}/${o.shard.count}` } : {}),
      },
      passed,
      failed: notebooks.length - passed,
      notebooks,
    };
  };
  // The folders were checked before the run; a write that fails now (disk full…) is still named.
  const lines: string[] = [];
  let writeFailed = false;
  const write = (what: string, path: string, action: () => void): void => {
    try {
      action();
      lines.push(`${what}: ${path}`);
    } catch (e) {
      writeFailed = true;
      lines.push(`${what}: could not write ${path}: ${(e as Error).message}`);
    }
  };
  write('report', o.reportPath, () => writeReport(o.reportPath, report(results, o.seeds)));
  for (const seed of o.seeds ?? []) {
    const mine = results.filter((r) => r.seed === seed);
    const path = seedReportPath(o.reportPath, seed);
    write(`seed ${seed}: ${totalsLine(mine)}, report`, path, () => writeReport(path, report(mine, [seed])));
  }
  if (o.junitPath !== undefined) {
    const path = o.junitPath;
    write('junit', path, () => writeJunit(path, results, started));
  }
  o.progress.print([...lines, totalsLine(results)].join('\n'));
  return !writeFailed && results.every((r) => r.status === 'passed') ? 0 : 1;
}

/** `build/notebooks/report.json` → `build/notebooks/seed-2/report.json` (beside that seed's copies). */
export function seedReportPath(reportPath: string, seed: number): string {
  return join(dirname(reportPath), `seed-${seed}`, basename(reportPath));
}

/** Usage errors found before the first notebook runs: wrong-typed -p values, unwritable outputs. */
function checkBeforeRunning(o: RunAllOptions, runs: PlannedRun[]): void {
  const problems: string[] = [];
  const seed = o.seeds?.[0];
  const parameters = seed === undefined ? o.parameters : [...o.parameters, { name: 'seed', raw: String(seed), value: seed }];
  for (const path of new Set(runs.map((r) => r.path))) {
    let nb;
    try {
      nb = loadNotebook(path);
    } catch {
      continue; // reported as that notebook's failure, while the others run
    }
    try {
      assignmentsFor(nb, displayPath(path), parameters);
    } catch (e) {
      if (!(e instanceof ParameterTypeError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  if (o.inplace) {
    for (const path of new Set(runs.map((r) => r.path))) checkWritableFile(realpathSync(path), '--inplace notebook');
  } else {
    checkWritableFolder(o.outDir, '--out');
  }
  checkWritableFile(o.reportPath, '--report');
  for (const seed of o.seeds ?? []) checkWritableFile(seedReportPath(o.reportPath, seed), '--report (per seed)');
  if (o.junitPath !== undefined) checkWritableFile(o.junitPath, '--junit');
}
