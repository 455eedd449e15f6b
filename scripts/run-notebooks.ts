// Headless notebook runner: executes notebooks on the real tslab kernel over the Jupyter
// messaging protocol (ZeroMQ), no Python needed. Usage: `npm run notebooks -- --help`.
// Exit status: 0 all passed, 1 any failed, 2 bad usage. The last line printed is exactly
// `N passed, N failed` (CI reads it). Details: scripts/runner/*.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runNotebook, type RunOptions } from './runner/execute';
import { killAllKernels } from './runner/kernel';
import { parseParameter, type Parameter } from './runner/parameters';
import { failureDetails, summaryLine, totalsLine, writeReport, type NotebookResult } from './runner/report';

const ROOT = resolve(__dirname, '..');
const DEFAULT_NOTEBOOKS = join(ROOT, 'notebooks');
const DEFAULT_KERNEL = join(ROOT, 'node_modules', '.bin', 'tslab');

class UsageError extends Error {}

interface CliOptions {
  smoke?: boolean;
  timeout: number;
  jobs: number;
  out: string;
  inplace?: boolean;
  parameter: Parameter[];
  report?: string;
  kernel: string;
  maxOutput: number;
  startTimeout: number;
}

function positiveNumber(name: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be a positive ${integer ? 'integer' : 'number'}; received ${JSON.stringify(value)}`);
    }
    return n;
  };
}

function collectParameter(value: string, previous: Parameter[]): Parameter[] {
  try {
    return [...previous, parseParameter(value)];
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

function program(): Command {
  return new Command('run-notebooks')
    .description('Execute Jupyter notebooks headlessly on the tslab kernel and write executed copies.')
    .argument('[paths...]', 'notebooks or folders of notebooks (default: notebooks/)')
    .option('--smoke', 'smoke mode: sets REGLAB_SMOKE=1 in the kernel environment')
    .option('--timeout <seconds>', 'time limit per cell', positiveNumber('--timeout', false), 300)
    .addOption(new Option('--jobs <n>', 'notebooks run in parallel').argParser(positiveNumber('--jobs', true)).default(defaultJobs(), `number of cores: ${defaultJobs()}`))
    .option('--out <dir>', 'folder for executed copies', 'build/notebooks')
    .option('--inplace', 'write outputs back into the source notebooks instead of --out')
    .option('-p, --parameter <name=value>', 'inject `name = value;` after the `parameters` cell (repeatable; value is JSON if it parses, else a string)', collectParameter, [])
    .option('--report <file>', 'JSON report path (default: report.json next to the --out folder, i.e. build/report.json)')
    .addOption(new Option('--kernel <path>', 'tslab executable').default(DEFAULT_KERNEL, 'node_modules/.bin/tslab'))
    .addOption(new Option('--max-output <bytes>', 'stream text kept per cell; more fails the notebook as an output flood').argParser(positiveNumber('--max-output', true)).default(1024 * 1024))
    .addOption(new Option('--start-timeout <seconds>', 'time limit for the kernel to start').argParser(positiveNumber('--start-timeout', false)).default(60))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
}

/** Files and folders → sorted .ipynb files; a missing path or an empty selection is a UsageError. */
function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`no such notebook or folder: ${p}`);
    if (statSync(p).isDirectory()) {
      files.push(...readdirSync(p).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(p, f)));
    } else {
      files.push(p);
    }
  }
  if (files.length === 0) throw new UsageError(`no notebooks found in ${paths.join(', ')}`);
  const names = files.map((f) => basename(f));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new UsageError(`two selected notebooks are named ${twice}; their executed copies would overwrite each other in --out`);
  }
  return files;
}

/** Runs `tasks` with at most `jobs` at a time, keeping the input order in the results. */
async function pool<T>(count: number, jobs: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, worker));
  return results;
}

function installSignalHandlers(): void {
  process.on('exit', () => killAllKernels());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const killed = killAllKernels();
      process.stderr.write(`\nrun-notebooks: received ${signal}; killed ${killed} kernel(s).\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

async function main(argv: string[]): Promise<number> {
  const cli = program();
  try {
    cli.parse(argv);
  } catch (e) {
    const code = (e as { exitCode?: number; code?: string }).code;
    return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
  }
  const o = cli.opts<CliOptions>();
  let files: string[];
  try {
    const paths = cli.processedArgs[0] as string[];
    files = expandPaths(paths.length > 0 ? paths : [DEFAULT_NOTEBOOKS]);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`run-notebooks: ${e.message}\n`);
    return 2;
  }
  installSignalHandlers();
  const options: RunOptions = {
    outDir: resolve(o.out),
    inplace: o.inplace === true,
    smoke: o.smoke === true,
    timeoutMs: o.timeout * 1000,
    parameters: o.parameter,
    kernelCommand: resolve(o.kernel),
    kernelStartTimeoutMs: o.startTimeout * 1000,
    streamCapBytes: o.maxOutput,
  };
  const started = new Date();
  const t = performance.now();
  const results: NotebookResult[] = await pool(files.length, o.jobs, async (i) => {
    const result = await runNotebook(files[i], options);
    const details = failureDetails(result);
    process.stdout.write(`${summaryLine(result)}\n${details ? `${details}\n` : ''}`);
    return result;
  });
  const reportPath = resolve(o.report ?? join(dirname(resolve(o.out)), 'report.json'));
  const passed = results.filter((r) => r.status === 'passed').length;
  writeReport(reportPath, {
    version: 1,
    started: started.toISOString(),
    seconds: Math.round(performance.now() - t) / 1000,
    options: {
      smoke: o.smoke === true,
      timeoutSeconds: o.timeout,
      jobs: o.jobs,
      parameters: Object.fromEntries(o.parameter.map((p) => [p.name, p.literal])),
    },
    passed,
    failed: results.length - passed,
    notebooks: results,
  });
  process.stdout.write(`report: ${reportPath}\n${totalsLine(results)}\n`);
  return passed === results.length ? 0 : 1;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    killAllKernels();
    process.stderr.write(`run-notebooks: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
