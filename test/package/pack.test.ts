// What `npm pack` puts in the tarball: the built library (dist/ with declarations and source maps
// that carry their sources), the shipped datasets, the danfojs shim, README, LICENSE and
// package.json — no tests, no src/, no scripts/, no notebooks; and a package.json whose
// install-time scripts run nothing (there are none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const skip = npm.status !== 0 ? 'npm is not on PATH' : !existsSync(join(root, 'dist', 'index.js')) ? 'dist/ is not built (npm run build)' : false;

interface Packed { files: { path: string; size: number }[]; size: number; unpackedSize: number }

function packed(): Packed {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as Packed[])[0];
}

test('npm pack holds dist, data, shims, README, LICENSE and package.json only', { skip, timeout: 180_000 }, () => {
  const pack = packed();
  const paths = pack.files.map((f) => f.path).sort();
  const top = [...new Set(paths.map((p) => p.split('/')[0]))].sort();
  assert.deepEqual(top, ['LICENSE', 'README.md', 'data', 'dist', 'package.json', 'shims']);
  // data/: exactly the manifest's files, its provenance note and the manifest itself.
  const manifest = JSON.parse(readFileSync(join(root, 'data', 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  assert.deepEqual(paths.filter((p) => p.startsWith('data/')),
    ['data/PROVENANCE.md', 'data/manifest.json', ...Object.keys(manifest.files).map((f) => `data/${f}`)].sort());
  assert.deepEqual(paths.filter((p) => p.startsWith('shims/')), ['shims/tfjs-node/index.js', 'shims/tfjs-node/package.json']);
  // dist/: compiled library only — every module with its declaration and source map, no tests.
  const dist = paths.filter((p) => p.startsWith('dist/'));
  assert.ok(dist.includes('dist/index.js') && dist.includes('dist/index.d.ts'));
  assert.ok(dist.every((p) => /\.(js|d\.ts|js\.map|d\.ts\.map)$/.test(p)), dist.filter((p) => !/\.(js|d\.ts|js\.map)$/.test(p)).join(', '));
  assert.ok(!dist.some((p) => /\.test\.|\/fixtures?\//.test(p)), 'no tests in dist');
  for (const js of dist.filter((p) => p.endsWith('.js'))) {
    assert.ok(dist.includes(js.replace(/\.js$/, '.d.ts')), `${js} has a declaration`);
    assert.ok(dist.includes(`${js}.map`), `${js} has a source map`);
  }
  // src/ is not shipped: each source map carries its TypeScript source (inlineSources).
  const map = JSON.parse(readFileSync(join(root, 'dist', 'data', 'datasets.js.map'), 'utf8')) as { sourcesContent?: string[] };
  assert.match(map.sourcesContent?.[0] ?? '', /export async function load\(/, 'datasets.js.map embeds datasets.ts');
  // Large data files are compressed: nothing over 16 KB ships uncompressed.
  for (const f of pack.files.filter((f) => f.path.startsWith('data/') && !f.path.endsWith('.gz'))) {
    assert.ok(f.size <= 16_384, `${f.path} is ${f.size} bytes uncompressed`);
  }
  assert.ok(pack.size < 1_000_000, `tarball ${pack.size} bytes`);
});

test('the packed package.json runs nothing on install and points at shipped files', { skip }, () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    main: string; types: string; files: string[]; scripts: Record<string, string>; exports: Record<string, Record<string, string> | string>;
  };
  for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(pkg.scripts[hook], undefined, `no ${hook} script`);
  // `prepare` runs in a git checkout (npm install git+…) and for the project's own install: it may
  // build, never touch anything outside the package (the user's Jupyter kernels included).
  assert.doesNotMatch(pkg.scripts.prepare ?? '', /kernel|jupyter|tslab install|setup-kernel/i, `prepare: ${pkg.scripts.prepare}`);
  const shipped = packed().files.map((f) => f.path);
  for (const entry of [pkg.main, pkg.types, ...Object.values(pkg.exports['.'] as Record<string, string>)]) {
    assert.ok(shipped.includes(entry.replace(/^\.\//, '')), `${entry} is in the tarball`);
  }
});
