// rl.data.loadMnist against a loopback HTTP server serving small idx fixtures made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import * as data from '../../src/data';

type FileName = data.MnistFile;

/** idx3: magic 2051, count, rows, cols (big-endian uint32), then the pixels. */
function idxImages(pixels: number[][], rows: number, cols: number): Buffer {
  const header = Buffer.alloc(16);
  [2051, pixels.length, rows, cols].forEach((v, i) => header.writeUInt32BE(v, 4 * i));
  return Buffer.concat([header, Buffer.from(pixels.flat())]);
}
/** idx1: magic 2049, count, then the labels. */
function idxLabels(labels: number[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(2049, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(labels)]);
}

// 3 training and 2 test images of 2×3 pixels.
const trainPixels = [[0, 255, 0, 51, 102, 153], [1, 2, 3, 4, 5, 6], [255, 255, 255, 0, 0, 0]];
const testPixels = [[10, 20, 30, 40, 50, 60], [0, 0, 0, 0, 0, 255]];
const fixture: Record<FileName, Buffer> = {
  'train-images-idx3-ubyte.gz': gzipSync(idxImages(trainPixels, 2, 3)),
  'train-labels-idx1-ubyte.gz': gzipSync(idxLabels([7, 0, 9])),
  't10k-images-idx3-ubyte.gz': gzipSync(idxImages(testPixels, 2, 3)),
  't10k-labels-idx1-ubyte.gz': gzipSync(idxLabels([1, 2])),
};
const checksums = Object.fromEntries(
  Object.entries(fixture).map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]),
) as Record<FileName, string>;

interface Mirror { server: Server; url: string; requests: string[]; corrupt: Set<string> }

async function startMirror(): Promise<Mirror> {
  const requests: string[] = [];
  const corrupt = new Set<string>();
  const server = createServer((req, res) => {
    const name = (req.url ?? '').split('/').pop() as FileName;
    requests.push(name);
    const body = fixture[name];
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(corrupt.has(name) ? Buffer.concat([body.subarray(0, body.length - 1), Buffer.from([body[body.length - 1] ^ 1])]) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mnist/`, requests, corrupt };
}

function tempCache(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'reglab-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('downloads, verifies, caches and parses; a second call makes no request', async (t) => {
  const mirror = await startMirror();
  t.after(() => mirror.server.close());
  const cacheDir = tempCache(t);
  const first = await data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true });
  assert.equal(mirror.requests.length, 4);
  assert.deepEqual([first.train.count, first.train.height, first.train.width], [3, 2, 3]);
  assert.deepEqual(Array.from(first.train.labels), [7, 0, 9]);
  assert.deepEqual(Array.from(first.test.labels), [1, 2]);
  assert.deepEqual(Array.from(first.train.images.subarray(0, 6)), [0, 1, 0, 0.2, 0.4, 0.6].map((v) => Math.fround(v)));
  assert.equal(first.test.images[11], 1);
  assert.deepEqual(readdirSync(join(cacheDir, 'mnist')).sort(), Object.keys(fixture).sort(), 'cached, no temp files left');
  const second = await data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true });
  assert.equal(mirror.requests.length, 4, 'served from the cache');
  assert.deepEqual(second.train.images, first.train.images);
});

test('a corrupted download is rejected and nothing is cached; a later good download succeeds', async (t) => {
  const mirror = await startMirror();
  t.after(() => mirror.server.close());
  const cacheDir = tempCache(t);
  mirror.corrupt.add('train-labels-idx1-ubyte.gz');
  await assert.rejects(data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true }),
    /checksum mismatch for http:\/\/127\.0\.0\.1:\d+\/mnist\/train-labels-idx1-ubyte\.gz: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}; the download was discarded, nothing was cached/);
  assert.ok(!existsSync(join(cacheDir, 'mnist', 'train-labels-idx1-ubyte.gz')));
  assert.ok(readdirSync(join(cacheDir, 'mnist')).every((f) => !f.endsWith('.part')), 'no temp file left');
  mirror.corrupt.clear();
  const ok = await data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true });
  assert.equal(ok.train.count, 3);
});

test('a damaged cached file is detected and fetched again (restartable)', async (t) => {
  const mirror = await startMirror();
  t.after(() => mirror.server.close());
  const cacheDir = tempCache(t);
  await data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true });
  writeFileSync(join(cacheDir, 'mnist', 't10k-images-idx3-ubyte.gz'), fixture['t10k-images-idx3-ubyte.gz'].subarray(0, 10));
  const again = await data.loadMnist({ cacheDir, baseUrl: mirror.url, checksums, quiet: true });
  assert.deepEqual(mirror.requests.slice(4), ['t10k-images-idx3-ubyte.gz']);
  assert.equal(again.test.count, 2);
});

test('an unreachable server gives a clear message naming the URL', async (t) => {
  const mirror = await startMirror();
  const url = mirror.url;
  await new Promise((resolve) => mirror.server.close(resolve)); // nothing listens on that port now
  const cacheDir = tempCache(t);
  await assert.rejects(data.loadMnist({ cacheDir, baseUrl: url, checksums, quiet: true, timeoutMs: 5000 }),
    /could not download http:\/\/127\.0\.0\.1:\d+\/mnist\/train-images-idx3-ubyte\.gz \(ECONNREFUSED\)\. The machine seems offline/);
  assert.ok(!existsSync(join(cacheDir, 'mnist', 'train-images-idx3-ubyte.gz')));
});

test('REGLAB_DATA and REGLAB_DATA_MIRROR choose the cache and the server', async (t) => {
  const mirror = await startMirror();
  t.after(() => mirror.server.close());
  const cacheDir = tempCache(t);
  const saved = { data: process.env.REGLAB_DATA, mirror: process.env.REGLAB_DATA_MIRROR };
  t.after(() => {
    for (const [key, value] of [['REGLAB_DATA', saved.data], ['REGLAB_DATA_MIRROR', saved.mirror]] as const) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
  });
  process.env.REGLAB_DATA = cacheDir;
  process.env.REGLAB_DATA_MIRROR = mirror.url.replace(/mnist\/$/, '');
  assert.equal(data.defaultCacheDir(), cacheDir);
  await data.loadMnist({ checksums, quiet: true });
  assert.ok(existsSync(join(cacheDir, 'mnist', 'train-images-idx3-ubyte.gz')));
  assert.ok(mirror.requests.length === 4);
});

test('published checksums are the ones of the real files; bad variant is named', async () => {
  assert.equal(data.mnistSources.mnist.sha256['train-images-idx3-ubyte.gz'], '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609');
  await assert.rejects(data.loadMnist({ variant: 'cifar' as data.MnistVariant }), { name: 'RangeError', message: "rl.data.loadMnist: `variant` must be one of 'mnist', 'fashion-mnist'; received 'cifar'" });
});
