// Installing reglab as a dependency — from the packed tarball or from git+file:// (npm runs
// `prepare` in its own clone) — must leave the user's Jupyter kernel specs as they were.
// The user is a temporary HOME holding one kernel spec of their own; npm's cache is the real
// one, so the packages come from it.
import assert from 'node:assert/strict';
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './client';

const scratch = mkdtempSync(join(tmpdir(), 'reglab-install-'));
const home = join(scratch, 'home');
const jupyterData = join(home, '.local', 'share', 'jupyter');
const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

/** Every file under `dir` with its content, for before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function npm(args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, npm_config_cache: npmCache };
  for (const k of ['JUPYTER_DATA_DIR', 'JUPYTER_PATH', 'XDG_DATA_HOME', 'REGLAB_SKIP_KERNELSPEC']) delete env[k];
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(?!cache))/.test(k)) delete env[k];
  const options: ExecFileSyncOptions = { cwd, env, encoding: 'utf8', stdio: 'pipe', timeout: 900_000 };
  return String(execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional'], options));
}

function scratchProject(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  return dir;
}

describe('installing reglab as a dependency', { timeout: 1_800_000 }, () => {
  let before_: Record<string, string>;
  before(() => {
    const mine = join(jupyterData, 'kernels', 'tslab');
    mkdirSync(mine, { recursive: true });
    writeFileSync(join(mine, 'kernel.json'), JSON.stringify({ argv: ['/opt/my/tslab', 'kernel'], display_name: 'Mine', language: 'typescript' }));
    before_ = snapshot(jupyterData);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('from the packed tarball: kernel specs unchanged', () => {
    // pack a copy (prepare rebuilds dist: not under the feet of tests reading this checkout's)
    const copy = join(scratch, 'src-copy');
    mkdirSync(copy);
    for (const entry of readdirSync(ROOT)) {
      if (['node_modules', 'build', '.git', 'dist'].includes(entry)) continue;
      cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const tarball = npm(['pack', '--pack-destination', scratch], copy).trim().split('\n').pop()!;
    assert.deepEqual(snapshot(jupyterData), before_, 'npm pack (prepare) touched the kernel specs');
    const app = scratchProject('from-tarball');
    npm(['install', join(scratch, tarball)], app);
    assert.ok(existsSync(join(app, 'node_modules', 'reglab', 'dist', 'kernel', 'main.js')));
    assert.deepEqual(snapshot(jupyterData), before_);
  });

  it('from git+file:// (npm runs prepare in a temporary clone): kernel specs unchanged', () => {
    const app = scratchProject('from-git');
    npm(['install', `git+file://${ROOT}`], app);
    assert.ok(existsSync(join(app, 'node_modules', 'reglab', 'dist', 'kernel', 'main.js')));
    assert.deepEqual(snapshot(jupyterData), before_);
  });
});
