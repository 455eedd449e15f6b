// README § "danfojs-node in your project", copied verbatim: a scratch project whose package.json
// is that JSON (only reglab's spec pointed at a freshly packed tarball) installs, `npm ls --all`
// exits 0, and Dataset.frame() returns a danfojs DataFrame. Then the tfjs-node edge is broken (as
// a dangling link would leave it) and frame() must name that cause, not "install danfojs-node".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const skip = npm.status !== 0 ? 'npm is not on PATH' : !existsSync(join(root, 'dist', 'index.js')) ? 'dist/ is not built (npm run build)' : false;

const run = (cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, REGLAB_BACKEND: undefined }, timeout: 400_000 });
const show = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;

/** The first ```json block after the README heading "danfojs-node in your project". */
export function readmeRecipe(readme: string): Record<string, Record<string, unknown>> {
  const at = readme.indexOf('### danfojs-node in your project');
  assert.ok(at >= 0, 'README has the section "danfojs-node in your project"');
  const block = /```json\n([\s\S]*?)\n```/.exec(readme.slice(at));
  assert.ok(block, 'the section has a ```json block');
  return JSON.parse(block[1]);
}

const cell = `
const rl = require('reglab');
rl.data.load('iris').then((ds) => ds.frame()).then(
  (df) => console.log('RESULT ' + JSON.stringify({ shape: df.shape, first: df.columns[0], last: df.columns[df.columns.length - 1] })),
  (e) => { console.log('ERROR ' + e.message); process.exit(1); });
`;

test('the README danfojs recipe, verbatim: installs, npm ls --all exits 0, frame() works', { skip, timeout: 900_000 }, () => {
  const recipe = readmeRecipe(readFileSync(join(root, 'README.md'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'reglab-danfo-'));
  try {
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], root);
    assert.equal(pack.status, 0, show(pack));
    const tarball = readdirSync(work).find((f) => /^reglab-.*\.tgz$/.test(f));
    assert.ok(tarball, show(pack));
    const project = join(work, 'project');
    mkdirSync(project);
    const pkg: Record<string, unknown> = { name: 'scratch', version: '1.0.0', private: true, ...recipe,
      dependencies: { ...recipe.dependencies, reglab: `file:../${tarball}` } };
    writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
    const flags = ['--no-audit', '--no-fund'];
    let install = run('npm', ['install', '--offline', ...flags], project);
    if (install.status !== 0) install = run('npm', ['install', '--prefer-offline', ...flags], project);
    assert.equal(install.status, 0, show(install));
    const ls = run('npm', ['ls', '--all'], project);
    assert.equal(ls.status, 0, `npm ls --all:\n${show(ls)}`);
    writeFileSync(join(project, 'cell.js'), cell);
    const ok = run(process.execPath, ['cell.js'], project);
    assert.equal(ok.status, 0, show(ok));
    // iris: 150 samples × 4 features + target, independently of reglab's own loader.
    assert.deepEqual(JSON.parse(/^RESULT (.*)$/m.exec(ok.stdout)![1]), { shape: [150, 5], first: 'sepal length (cm)', last: 'target' });

    // Break danfojs-node's @tensorflow/tfjs-node edge, as a dangling link does.
    const edge = [join(project, 'node_modules', 'danfojs-node', 'node_modules', '@tensorflow', 'tfjs-node'),
      join(project, 'node_modules', '@tensorflow', 'tfjs-node')].find((p) => existsSync(p));
    assert.ok(edge, 'danfojs-node\'s @tensorflow/tfjs-node is installed somewhere');
    rmSync(edge, { recursive: true, force: true });
    const broken = run(process.execPath, ['cell.js'], project);
    assert.equal(broken.status, 1, show(broken));
    assert.match(broken.stdout, /ERROR danfojs-node is installed \(.*\) but failed to load: Cannot find module '@tensorflow\/tfjs-node'/);
    assert.doesNotMatch(broken.stdout, /npm install danfojs-node/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
