// Bad input to rl.data (issue 16): each case gets the one message shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as rl from '../../src';
import { defaultDataDir } from '../../src/data/datasets';

const rows = (n: number) => Array.from({ length: n }, (_, i) => [i]);

test('trainTestSplit({stratify}) needs integer class labels with ≥ 2 members each', () => {
  assert.throws(() => rl.data.trainTestSplit(rows(6), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], { stratify: true }), {
    name: 'RangeError', message: 'rl.data.trainTestSplit: `y[0]` must be an integer class label when `stratify` is true; received 0.1',
  });
  assert.throws(() => rl.data.trainTestSplit(rows(6), [0, 0, 0, 1, 1, 2], { stratify: true, testSize: 0.5 }), {
    name: 'RangeError', message: 'rl.data.trainTestSplit: `y` must be labels with at least 2 rows per class when `stratify` is true; class 2 has 1; received 3 classes',
  });
  assert.throws(() => rl.data.trainTestSplit(rows(4), [0, 1, 0, 1], { stratify: 'yes' as never }), { name: 'TypeError', message: "rl.data.trainTestSplit: `stratify` must be true or false; received 'yes'" });
  assert.throws(() => rl.data.trainTestSplit(rows(4), [0, 1, 0, 1], { testsize: 0.5 } as never), /unknown option `testsize` \(did you mean `testSize`\?\)/);
});

test('standardScaler: ±1e300 is scaled, not turned into zeros; options are checked', () => {
  // mean 0, population sd 1e300 → ±1 (the squares would overflow to Infinity without rescaling).
  const close = (a: number[][], b: number[][]) => a.flat().forEach((v, i) => assert.ok(Math.abs(v - b.flat()[i]) < 1e-12, `${v} vs ${b.flat()[i]}`));
  close(rl.data.standardScaler().fitTransform([[1e300], [-1e300]]), [[1], [-1]]);
  // mean 2e300, sd 1e300 → [-1, 1]
  close(rl.data.standardScaler().fitTransform([[1e300], [3e300]]), [[-1], [1]]);
  assert.throws(() => rl.data.standardScaler({ withMean: 'no' as never }), { name: 'TypeError', message: "rl.data.standardScaler: `withMean` must be true or false; received 'no'" });
});

test('load: a typo in an option gets a hint; an unknown name lists the data sets', async () => {
  await assert.rejects(rl.data.load('iris', { datadir: '/x' } as never), {
    name: 'TypeError', message: 'rl.data.load: unknown option `datadir` (did you mean `dataDir`?); known options: dataDir',
  });
});

test('a manifest without `datasets` is a clear error naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-manifest-'));
  cpSync(defaultDataDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.datasets;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await assert.rejects(rl.data.load('iris', { dataDir: dir }), (e: Error) =>
    /the data manifest .*manifest\.json must have an object `datasets`; received undefined/.test(e.message));
});

test('loadMnist({timeoutMs: -1}) is an argument error, not "the machine seems offline"', async () => {
  await assert.rejects(rl.data.loadMnist({ timeoutMs: -1, cacheDir: mkdtempSync(join(tmpdir(), 'reglab-mnist-')) }), {
    name: 'RangeError', message: 'rl.data.loadMnist: `timeoutMs` must be a finite number > 0; received -1',
  });
});

test('REGLAB_DATA_MIRROR that is not an http(s) URL is named', async () => {
  const saved = process.env.REGLAB_DATA_MIRROR;
  process.env.REGLAB_DATA_MIRROR = 'not a url';
  try {
    await assert.rejects(rl.data.loadMnist({ cacheDir: mkdtempSync(join(tmpdir(), 'reglab-mnist-')) }), {
      name: 'RangeError', message: "rl.config.env: `REGLAB_DATA_MIRROR` must be an http(s) URL like 'http://host/data/'; received 'not a url'",
    });
  } finally {
    if (saved === undefined) delete process.env.REGLAB_DATA_MIRROR;
    else process.env.REGLAB_DATA_MIRROR = saved;
  }
});

test('absurd sizes are refused before anything is allocated', () => {
  assert.throws(() => rl.data.sparseLinear({ nTrain: 1e6, nFeatures: 1e6 }), /`\(nTrain \+ nTest\) × nFeatures` must be at most 50000000 entries; received 1000100 × 1000000/);
  assert.throws(() => rl.data.twoMoons({ n: 1e12 }), { name: 'RangeError', message: 'rl.data.twoMoons: `n` must be an integer in [1, 10000000]; received 1000000000000' });
});

test('sealTestSet names its arguments as written', () => {
  assert.throws(() => rl.data.sealTestSet([[1]], [1], '' as never), { name: 'RangeError', message: "rl.data.sealTestSet: `name` must be a non-empty string; received ''" });
  assert.throws(() => rl.data.sealTestSet(null as never, [1], 'x'), { name: 'TypeError', message: 'rl.data.sealTestSet: `X` must be an array of rows; received null' });
});
