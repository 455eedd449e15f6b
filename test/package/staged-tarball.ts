// Shared by the scratch-project tests: `npm pack` of a staging copy of this package whose dist/ is
// compiled fresh from src/ (the repository's own dist/ is neither used nor changed), and its
// install into a scratch project, offline from npm's cache when it can.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');

/** The skip reason of a test that packs and installs, or false when npm is on PATH. */
export const npmSkip: string | false = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0
  ? false
  : 'npm is not available on PATH: cannot pack and install reglab';

export type Run = (cmd: string, args: string[], cwd: string) => SpawnSyncReturns<string>;

export const show = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

const STAGED = ['package.json', 'README.md', 'LICENSE', 'data', 'src', 'shims', 'tsconfig.json', 'tsconfig.build.json'];

/** Packs the staged package into `work` and returns the tarball's path. */
export function packStaged(work: string, run: Run): string {
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const entry of STAGED) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const tsc = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json',
    '--outDir', join(stage, 'dist'), '--typeRoots', join(root, 'node_modules', '@types'), '--baseUrl', join(root, 'node_modules')], stage);
  for (const built of ['index.js', join('cli', 'main.js')]) {
    assert.ok(existsSync(join(stage, 'dist', built)), `tsc produced no dist/${built}\n${show(tsc)}`);
  }
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], stage);
  assert.equal(pack.status, 0, show(pack));
  const tarball = readdirSync(work).find((f) => /^reglab-.*\.tgz$/.test(f));
  assert.ok(tarball, `npm pack wrote no tarball\n${show(pack)}`);
  return join(work, tarball);
}

/** `npm install <tarball>` in `project`: offline first, then --prefer-offline. */
export function installTarball(project: string, tarball: string, run: Run, extraFlags: string[] = []): void {
  const flags = ['--no-audit', '--no-fund', ...extraFlags, tarball];
  let install = run('npm', ['install', '--offline', ...flags], project);
  if (install.status !== 0) install = run('npm', ['install', '--prefer-offline', ...flags], project);
  assert.equal(install.status, 0, show(install));
}
