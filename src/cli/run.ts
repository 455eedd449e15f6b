// `reglab run [paths…]`: executes notebooks headlessly on the kernel, as tests (see README "Run your
// own notebooks in CI"). Exit status: 0 all passed, 1 any failed, 2 bad usage, 130/143 on
// SIGINT/SIGTERM. The last line printed is exactly `N passed, N failed` (CI reads it).
import { Command, InvalidArgumentError, Option } from 'commander';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseParameter, type Parameter } from '../runner/parameters';
import { Progress } from '../runner/progress';
import { runAll } from '../runner/run';
import { selectNotebooks } from '../runner/selection';
import { parseShard, type Shard } from '../runner/shard';
import { installSignalHandlers } from '../runner/signals';
import { UsageError } from '../runner/usage-error';

interface RunCliOptions {
  smoke?: boolean;
  timeout: number;
  jobs: number;
  out: string;
  inplace?: boolean;
  parameter: Parameter[];
  seeds?: number[];
  shard?: Shard;
  report?: string;
  junit?: string;
  logOutput?: boolean;
  kernel?: string;
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

/** `0,1,2` → [0, 1, 2]: distinct non-negative integers. */
function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((s) => s.trim());
  if (!seeds.every((s) => /^\d+$/.test(s) && Number.isSafeInteger(Number(s)))) {
    throw new InvalidArgumentError(`--seeds must be a comma-separated list of non-negative integers (e.g. 0,1,2); received ${JSON.stringify(text)}`);
  }
  const numbers = seeds.map(Number);
  if (new Set(numbers).size !== numbers.length) {
    throw new InvalidArgumentError(`--seeds lists a seed twice; received ${JSON.stringify(text)}`);
  }
  return numbers;
}

function shardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** The `run` subcommand. */
export function runCommand(): Command {
  return new Command('run')
    .description('Execute Jupyter notebooks headlessly on the reglab TypeScript kernel, as tests, and write executed copies.')
    .argument('[paths...]', 'notebooks or folders of notebooks', ['notebooks'])
    .option('--smoke', 'smoke mode: sets REGLAB_SMOKE=1 in the kernel environment')
    .option('--timeout <seconds>', 'time limit per cell (a notebook\'s metadata.execution.timeout wins)', positiveNumber('--timeout', false), 300)
    .addOption(new Option('--jobs <n>', 'notebooks run in parallel').argParser(positiveNumber('--jobs', true)).default(defaultJobs(), `number of cores: ${defaultJobs()}`))
    .option('--out <dir>', 'folder for executed copies', 'build/notebooks')
    .option('--inplace', 'write outputs back into the source notebooks instead of --out (-p values are not kept)')
    .option('-p, --parameter <name=value>', 'inject `name = value;` after the `parameters` cell; also `-p name value` (repeatable; JSON if it parses, else a string; checked against the declared type)', collectParameter, [])
    .option('--seeds <list>', 'run each notebook once per seed, as -p seed=K (e.g. 0,1,2): copies in <out>/seed-K/, a report per seed', parseSeeds)
    .option('--shard <i/n>', 'run only the i-th of n deterministic shares of the notebooks (CI matrix)', shardOption)
    .option('--report <file>', 'JSON report path (default: report.json in the --out folder, i.e. build/notebooks/report.json)')
    .option('--junit <file>', 'also write JUnit XML: a testsuite per notebook, a testcase per code cell')
    .option('--log-output', 'print the kernel\'s outputs as they arrive')
    .addOption(new Option('--kernel <path>', 'a kernel program started as `<path> <connection file>` (default: the reglab kernel)'))
    // 16 MiB: a cell's first plot carries plotly.js (3.2 MB, see src/plot/html.ts); a flood is far more.
    .addOption(new Option('--max-output <bytes>', 'output kept per cell (text and rich data); more fails the notebook as an output flood').argParser(positiveNumber('--max-output', true)).default(16 * 1024 * 1024, '16 MiB'))
    .addOption(new Option('--start-timeout <seconds>', 'time limit for the kernel to start').argParser(positiveNumber('--start-timeout', false)).default(60))
    .action(async (paths: string[], o: RunCliOptions) => {
      process.exitCode = await run(paths, o);
    });
}

async function run(paths: string[], o: RunCliOptions): Promise<number> {
  installSignalHandlers();
  const out = resolve(o.out);
  try {
    return await runAll({
      files: selectNotebooks(paths),
      outDir: out,
      inplace: o.inplace === true,
      smoke: o.smoke === true,
      timeoutMs: o.timeout * 1000,
      parameters: o.parameter,
      seeds: o.seeds,
      shard: o.shard,
      jobs: o.jobs,
      reportPath: resolve(o.report ?? join(out, 'report.json')),
      junitPath: o.junit === undefined ? undefined : resolve(o.junit),
      kernelExecutable: o.kernel === undefined ? undefined : resolve(o.kernel),
      kernelStartTimeoutMs: o.startTimeout * 1000,
      maxOutputBytes: o.maxOutput,
      progress: new Progress({ stream: process.stdout, logOutput: o.logOutput === true }),
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`reglab run: ${e.message}\n`);
    return 2;
  }
}
