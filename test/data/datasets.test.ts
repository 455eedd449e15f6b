// rl.data.load: the shipped sets against scikit-learn's own loaders, and the errors on bad files.
// Error cases work on temporary copies of data/; data/ itself is never modified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as data from '../../src/data';

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', 'sklearn-data.json'), 'utf8'));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

for (const name of data.datasetNames) {
  test(`load('${name}') equals scikit-learn's load_* (shape, column sums, targets, classes)`, async () => {
    const ds = await data.load(name);
    const ref = reference.datasets[name];
    assert.deepEqual([ds.X.length, ds.X[0].length], ref.shape);
    assert.equal(ds.featureNames.length, ref.shape[1]);
    assert.deepEqual(ds.X[0], ref.firstRow);
    assert.equal(ds.y[0], ref.firstTarget);
    ds.X[0].forEach((_, j) => {
      const sum = ds.X.reduce((s, row) => s + row[j], 0);
      assert.ok(close(sum, ref.columnSums[j]), `${name} column ${j}: ${sum} vs ${ref.columnSums[j]}`);
    });
    assert.ok(close(ds.y.reduce((s, v) => s + v, 0), ref.ySum));
    if (ref.classCounts) {
      const counts = ref.classCounts.map((_: number, c: number) => ds.y.filter((v) => v === c).length);
      assert.deepEqual(counts, ref.classCounts);
      assert.equal(ds.targetNames?.length, ref.classCounts.length);
      assert.equal(ds.task, 'classification');
    } else {
      assert.equal(ds.task, 'regression');
    }
    assert.match(ds.description, /Data Set Characteristics|Diabetes dataset/);
  });
}

test('names and descriptions are scikit-learn\'s', async () => {
  const bc = await data.load('breast-cancer');
  assert.equal(bc.featureNames[0], 'mean radius');
  assert.equal(bc.featureNames[29], 'worst fractal dimension');
  assert.deepEqual(bc.targetNames, ['malignant', 'benign']);
  assert.deepEqual((await data.load('iris')).targetNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual((await data.load('diabetes')).featureNames, ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
});

test('every manifest entry has sha256, source and licence, and matches the file', () => {
  const dir = data.defaultDataDir;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const [file, entry] of Object.entries<Record<string, unknown>>(manifest.files)) {
    const hash = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    assert.equal(entry.sha256, hash, file);
    assert.equal(typeof entry.source, 'string', `${file} source`);
    assert.equal(typeof entry.licence, 'string', `${file} licence`);
  }
});

test('frame() is a danfojs-node DataFrame with the features and a target column', async () => {
  const ds = await data.load('wine');
  const df = await ds.frame();
  assert.deepEqual(df.shape, [178, 14]);
  assert.deepEqual(df.columns, [...ds.featureNames, 'target']);
  assert.equal(df.iat(0, 0), ds.X[0][0]);
});

/** A writable temporary copy of data/. */
function tempData(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-data-'));
  cpSync(data.defaultDataDir, dir, { recursive: true });
  for (const f of ['manifest.json', 'iris.csv', 'wine_data.csv.gz', 'digits.csv.gz']) chmodSync(join(dir, f), 0o644);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Replaces a file in the temp copy and records its new sha256 in the temp manifest (and, unless
 * `content` is false, the sha256 of its decompressed content for a .gz that decompresses).
 */
function replaceListed(dir: string, file: string, bytes: Buffer, { content = true } = {}): void {
  writeFileSync(join(dir, file), bytes);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.files[file].sha256 = createHash('sha256').update(bytes).digest('hex');
  if (content && manifest.files[file].content) {
    try {
      manifest.files[file].content.sha256 = createHash('sha256').update(gunzipSync(bytes)).digest('hex');
    } catch {
      // not gzip: left for the loader to reject
    }
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

test('gzip files: manifest `content` is the decompressed bytes, which are scikit-learn\'s own files', () => {
  const dir = data.defaultDataDir;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const gz = Object.keys(manifest.files).filter((f) => f.endsWith('.gz'));
  assert.deepEqual(gz.sort(), ['breast_cancer.csv.gz', 'diabetes_data_raw.csv.gz', 'diabetes_target.csv.gz', 'digits.csv.gz', 'wine_data.csv.gz']);
  // Debian's python3-sklearn 1.2.1, when installed, is an independent copy of the originals.
  const sklearn = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
  for (const file of gz) {
    const content = gunzipSync(readFileSync(join(dir, file)));
    assert.equal(manifest.files[file].content.sha256, createHash('sha256').update(content).digest('hex'), file);
    assert.equal(manifest.files[file].content.bytes, content.length, file);
    const original = join(sklearn, file.replace(/\.gz$/, ''));
    if (existsSync(original)) assert.ok(content.equals(readFileSync(original)), `${file} decompresses to scikit-learn's ${original}`);
    if (existsSync(join(sklearn, file))) assert.ok(readFileSync(join(dir, file)).equals(readFileSync(join(sklearn, file))), `${file} is scikit-learn's own .gz`);
  }
  // No shipped file over 16 KB is stored uncompressed.
  for (const file of Object.keys(manifest.files)) {
    if (!file.endsWith('.gz')) assert.ok(manifest.files[file].bytes <= 16_384, `${file} (${manifest.files[file].bytes} bytes) should be compressed`);
  }
});

test('a .gz whose compressed sha256 matches but whose content differs → error naming the file', async (t) => {
  const dir = tempData(t);
  const path = join(dir, 'wine_data.csv.gz');
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  replaceListed(dir, 'wine_data.csv.gz', gzipSync(Buffer.from(`${text}\n`)), { content: false });
  await assert.rejects(data.load('wine', { dataDir: dir }),
    (err: Error) => err.message.startsWith(`checksum mismatch for the decompressed content of ${path}: expected sha256 10e8a802`));
});

test('unknown dataset name → error naming it and listing the available ones', async () => {
  await assert.rejects(data.load('irsi' as data.DatasetName), { name: 'RangeError', message: "rl.data.load: `name` must be one of 'diabetes', 'digits', 'breast-cancer', 'wine', 'iris' (did you mean 'iris'?); received 'irsi'" });
});

test('checksum mismatch → error naming the file and both hashes', async (t) => {
  const dir = tempData(t);
  const path = join(dir, 'iris.csv');
  writeFileSync(path, readFileSync(path, 'utf8').replace('5.1,3.5,1.4,0.2,0', '5.1,3.5,1.4,0.3,0'));
  await assert.rejects(data.load('iris', { dataDir: dir }),
    (err: Error) => err.message.includes(`checksum mismatch for ${path}`) && /expected sha256 f13ffa8f[0-9a-f]+, got [0-9a-f]{64}/.test(err.message));
});

test('missing file → error naming the file', async (t) => {
  const dir = tempData(t);
  unlinkSync(join(dir, 'wine_data.csv.gz'));
  await assert.rejects(data.load('wine', { dataDir: dir }), new RegExp(`missing data file ${join(dir, 'wine_data.csv.gz').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});

test('malformed CSV (a short row, a non-number, a bad header) → error naming file and line', async (t) => {
  const dir = tempData(t);
  const path = join(dir, 'iris.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const variants: [string[], RegExp][] = [
    [[...lines.slice(0, 6), '4.9,3.0,1.4,0', ...lines.slice(7)], /malformed CSV in .*iris\.csv, line 7: expected 5 fields, found 4/],
    [[...lines.slice(0, 3), '4.7,abc,1.3,0.2,0', ...lines.slice(4)], /malformed CSV in .*iris\.csv, line 4, field 2: 'abc' is not a number/],
    [['iris data', ...lines.slice(1)], /malformed CSV in .*iris\.csv, line 1: expected 'n_samples,n_features,class names…'/],
    [[...lines.slice(0, 2), '5.1,3.5,1.4,0.2,7', ...lines.slice(3)], /malformed CSV in .*iris\.csv, line 3: label 7 is not a class index 0\.\.2/],
  ];
  for (const [content, expected] of variants) {
    replaceListed(dir, 'iris.csv', Buffer.from(content.join('\n')));
    await assert.rejects(data.load('iris', { dataDir: dir }), expected);
  }
});

test('malformed gzip and wrong row count in digits → errors naming the file', async (t) => {
  const dir = tempData(t);
  replaceListed(dir, 'digits.csv.gz', Buffer.from('not gzip'));
  await assert.rejects(data.load('digits', { dataDir: dir }), /malformed gzip file .*digits\.csv\.gz/);
  replaceListed(dir, 'digits.csv.gz', gzipSync(Buffer.from(`${new Array(64).fill(0).join(',')},3\n`)));
  await assert.rejects(data.load('digits', { dataDir: dir }), /malformed data: .*digits\.csv\.gz has 1 rows, manifest\.json says 1797/);
});

test('each load returns fresh arrays (mutating one result does not affect the next)', async () => {
  const a = await data.load('iris');
  a.X[0][0] = -1;
  const b = await data.load('iris');
  assert.equal(b.X[0][0], 5.1);
});

test('frame() without danfojs-node installed → error saying how to install it', () => {
  // A fresh process in which resolving 'danfojs-node' fails, as in a project that lacks the peer.
  const code = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request === 'danfojs-node') throw Object.assign(new Error("Cannot find module 'danfojs-node'"), { code: 'MODULE_NOT_FOUND' });
      return resolve.call(this, request, ...rest);
    };
    require('./src/data').load('iris').then((ds) => ds.frame()).then(
      () => process.exit(3),
      (e) => { console.log(e.message); process.exit(0); });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Dataset\.frame\(\) needs the optional peer dependency danfojs-node, which is not installed: npm install danfojs-node/);
});

test('frame() with danfojs-node installed but its tfjs-node edge broken → error naming that cause', () => {
  // As with a dangling shim link: danfojs-node resolves, its require('@tensorflow/tfjs-node') fails.
  const code = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, parent, ...rest) {
      if (request === '@tensorflow/tfjs-node' && /danfojs-node/.test(parent && parent.filename || '')) {
        throw Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node'"), { code: 'MODULE_NOT_FOUND' });
      }
      return resolve.call(this, request, parent, ...rest);
    };
    require('./src/data').load('iris').then((ds) => ds.frame()).then(
      () => process.exit(3),
      (e) => { console.log(e.message); process.exit(0); });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^danfojs-node is installed \(.*danfojs-node.*\) but failed to load: Cannot find module '@tensorflow\/tfjs-node'/);
  assert.match(r.stdout, /"npm:@tensorflow\/tfjs@\^4\.22\.0"/);
  assert.doesNotMatch(r.stdout, /npm install danfojs-node/, 'not the misleading "install danfojs-node"');
});
