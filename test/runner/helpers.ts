// Shared by the runner tests: spawn the runner CLI as a child process on fixture notebooks, with
// its own TMPDIR so the kernels it starts (whose command line names their connection file in
// TMPDIR) can be found with `ps` afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICodeCell, INotebookContent, IOutput, IStream } from '@jupyterlab/nbformat';
import type { Report } from '../../src/runner/report';

export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'notebooks');
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

export const fixture = (name: string): string => join(FIXTURES, name);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Temp folder of this run: out/ (executed copies and report.json), tmp/ (the runner's TMPDIR). */
  dir: string;
  out: string;
  tmp: string;
  report(): Report;
  executed(name: string): INotebookContent;
}

export interface Started {
  pid: number;
  done: Promise<RunResult>;
  dir: string;
  tmp: string;
}

const made: string[] = [];
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary folder removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Starts `node --import tsx src/cli/main.ts run --out <tmp>/out <args…>` (the compiled CLI: test/package/cli.test.ts). */
export function startRunner(args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 120_000): Started {
  const dir = tempDir('reglab-runner-test-');
  const out = join(dir, 'out');
  const tmp = mkdtempSync(join(dir, 'tmp-'));
  const base = { ...process.env };
  delete base.REGLAB_SMOKE;
  const t = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', '--out', out, ...args], {
    cwd: ROOT,
    env: { ...base, TMPDIR: tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Past the limit: SIGTERM first, so the runner kills its kernels (SIGKILL would orphan them).
  const guard = setTimeout(() => {
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }, limitMs);
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({
        code,
        stdout,
        stderr,
        ms: Date.now() - t,
        dir,
        out,
        tmp,
        report: () => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report,
        executed: (name) => JSON.parse(readFileSync(join(out, name), 'utf8')) as INotebookContent,
      });
    });
  });
  return { pid: child.pid as number, done, dir, tmp };
}

export function runRunner(args: string[], env: NodeJS.ProcessEnv = {}, limitMs?: number): Promise<RunResult> {
  return startRunner(args, env, limitMs).done;
}

/** Processes whose command line mentions `text` (e.g. a run's TMPDIR), from `ps`. */
export function processesMentioning(text: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

/** Members of process group `pgid`, from `ps`. */
export function groupMembers(pgid: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.trim().split(/\s+/)[1] === String(pgid));
}

export function codeCells(nb: INotebookContent): ICodeCell[] {
  return nb.cells.filter((c): c is ICodeCell => c.cell_type === 'code');
}

export function streamText(outputs: IOutput[], name: 'stdout' | 'stderr' = 'stdout'): string {
  return outputs
    .filter((o): o is IStream => o.output_type === 'stream' && (o as IStream).name === name)
    .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
    .join('');
}

export function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1];
}

/** sha256 of every fixture file, by name. */
export function fixtureHashes(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(FIXTURES)
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(FIXTURES, f))).digest('hex')]),
  );
}
