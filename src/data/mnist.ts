/**
 * MNIST and Fashion-MNIST: downloaded once, verified by sha256, cached, parsed from the idx format.
 *
 * Files go to `<cacheDir>/<variant>/`, where cacheDir is the option, else env REGLAB_DATA, else
 * `$XDG_CACHE_HOME/reglab`, else `~/.cache/reglab`. Each file is written to a temporary name and
 * renamed once its sha256 matches, so an interrupted or corrupted download never leaves a file that
 * looks cached; the next call starts that file again. A cached file is re-verified on every call.
 *
 * ```ts
 * const mnist = await rl.data.loadMnist({ variant: 'fashion-mnist' });
 * mnist.train.count;                 // 60000
 * mnist.train.images.length;         // 60000 · 28 · 28, floats in [0, 1]
 * mnist.classNames[mnist.train.labels[0]];
 * ```
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checker } from '../args';
import { env } from '../env';
import { sha256 } from './datasets';

export type MnistVariant = 'mnist' | 'fashion-mnist';

export type MnistFile =
  | 'train-images-idx3-ubyte.gz'
  | 'train-labels-idx1-ubyte.gz'
  | 't10k-images-idx3-ubyte.gz'
  | 't10k-labels-idx1-ubyte.gz';

interface VariantSpec {
  baseUrl: string;
  sha256: Record<MnistFile, string>;
  classNames: string[];
}

/** Where each variant comes from and the published sha256 of each file. */
export const mnistSources: Readonly<Record<MnistVariant, VariantSpec>> = {
  // The mirror TensorFlow's tutorials use (the original yann.lecun.com site is often unreachable).
  mnist: {
    baseUrl: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
    sha256: {
      'train-images-idx3-ubyte.gz': '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
      'train-labels-idx1-ubyte.gz': '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
      't10k-images-idx3-ubyte.gz': '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
      't10k-labels-idx1-ubyte.gz': 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    },
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  // Keras's mirror of zalandoresearch/fashion-mnist (same files as the project's S3 bucket).
  'fashion-mnist': {
    baseUrl: 'https://storage.googleapis.com/tensorflow/tf-keras-datasets/',
    sha256: {
      'train-images-idx3-ubyte.gz': '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
      'train-labels-idx1-ubyte.gz': 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
      't10k-images-idx3-ubyte.gz': '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
      't10k-labels-idx1-ubyte.gz': '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
    },
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
};

export interface LoadMnistOptions {
  /** Which set. Defaults to 'mnist'. */
  variant?: MnistVariant;
  /** Cache root. Defaults to env REGLAB_DATA, else $XDG_CACHE_HOME/reglab, else ~/.cache/reglab. */
  cacheDir?: string;
  /**
   * URL of the folder holding the four files. Defaults to `$REGLAB_DATA_MIRROR/<variant>/` when that
   * env variable is set, else the variant's public mirror (`mnistSources`).
   */
  baseUrl?: string;
  /** Expected sha256 per file, overriding the published ones (for a private mirror of other bytes). */
  checksums?: Partial<Record<MnistFile, string>>;
  /** Per-file download timeout in milliseconds. Defaults to 120000. */
  timeoutMs?: number;
  /** Do not print a line per downloaded file. Defaults to false. */
  quiet?: boolean;
}

export interface ImageSet {
  /** Number of images. */
  count: number;
  /** Image width and height in pixels (28 for MNIST). */
  width: number;
  height: number;
  /** count · height · width pixels, row-major per image, scaled to [0, 1]. */
  images: Float32Array;
  /** The class index of each image. */
  labels: Uint8Array;
}

export interface MnistData {
  variant: MnistVariant;
  train: ImageSet;
  test: ImageSet;
  /** Class names indexed by label. */
  classNames: string[];
  /** The cached file paths. */
  files: Record<MnistFile, string>;
}

/** The default cache root: REGLAB_DATA, else $XDG_CACHE_HOME/reglab, else ~/.cache/reglab. */
export function defaultCacheDir(): string {
  const dir = env.dataDir();
  if (dir) return dir;
  return join(env.cacheHome() ?? join(homedir(), '.cache'), 'reglab');
}

/** Downloads (once), verifies and parses MNIST or Fashion-MNIST. */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  const check = checker('rl.data.loadMnist');
  check.options<LoadMnistOptions>(options, ['variant', 'cacheDir', 'baseUrl', 'checksums', 'timeoutMs', 'quiet']);
  const variant = check.oneOf('variant', options.variant, Object.keys(mnistSources) as MnistVariant[], 'mnist');
  const spec = mnistSources[variant];
  const dir = join(check.string('cacheDir', options.cacheDir, defaultCacheDir()), variant);
  const mirror = env.dataMirror();
  const baseUrl = withSlash(check.string('baseUrl', options.baseUrl, mirror ? `${mirror}${variant}/` : spec.baseUrl));
  if (!/^(https?|file):/.test(baseUrl)) throw check.error('baseUrl', 'an http(s) URL', options.baseUrl);
  const timeoutMs = check.positive('timeoutMs', options.timeoutMs, 120_000);
  check.boolean('quiet', options.quiet, false);
  if (options.checksums !== undefined) {
    check.options(options.checksums, Object.keys(spec.sha256), 'checksums');
  }
  const names = Object.keys(spec.sha256) as MnistFile[];
  const files = {} as Record<MnistFile, string>;
  for (const name of names) {
    const expected = options.checksums?.[name] ?? spec.sha256[name];
    files[name] = await cachedDownload(new URL(name, baseUrl).href, join(dir, name), expected, timeoutMs, options.quiet);
  }
  const read = async (name: MnistFile) => gunzipFile(await fs.readFile(files[name]), files[name]);
  return {
    variant,
    train: toImageSet(await read('train-images-idx3-ubyte.gz'), await read('train-labels-idx1-ubyte.gz'), files['train-images-idx3-ubyte.gz']),
    test: toImageSet(await read('t10k-images-idx3-ubyte.gz'), await read('t10k-labels-idx1-ubyte.gz'), files['t10k-images-idx3-ubyte.gz']),
    classNames: spec.classNames.slice(),
    files,
  };
}

/**
 * Returns `dest` when it already holds bytes with sha256 `expected`; else downloads `url`, checks
 * the sha256 and moves the bytes into place atomically. A mismatch caches nothing.
 */
export async function cachedDownload(url: string, dest: string, expected: string, timeoutMs = 120_000, quiet = false): Promise<string> {
  if (existsSync(dest)) {
    if (sha256(await fs.readFile(dest)) === expected) return dest;
    await fs.rm(dest, { force: true }); // a corrupt or stale cache entry: fetch it again
  }
  const bytes = await download(url, timeoutMs);
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new Error(`checksum mismatch for ${url}: expected sha256 ${expected}, got ${actual}; the download was discarded, nothing was cached`);
  }
  await fs.mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, dest);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  if (!quiet) console.log(`reglab data: downloaded ${url} (${bytes.length} bytes) → ${dest}`);
  return dest;
}

async function download(url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new Error(
      `could not download ${url} (${why}). The machine seems offline or the server is unreachable: ` +
      'connect once to fill the cache, or set REGLAB_DATA_MIRROR (or the baseUrl option) to a reachable copy',
    );
  }
  if (!response.ok) throw new Error(`could not download ${url}: HTTP ${response.status} ${response.statusText}`);
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (err) {
    throw new Error(`download of ${url} was interrupted (${(err as Error).message}); nothing was cached, call again to restart`);
  }
}

function gunzipFile(bytes: Buffer, path: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new Error(`malformed gzip file ${path} (${(err as Error).message})`);
  }
}

/** Parses idx3 images (magic 2051) and idx1 labels (magic 2049), big-endian headers. */
function toImageSet(images: Buffer, labels: Buffer, path: string): ImageSet {
  if (images.length < 16 || images.readUInt32BE(0) !== 2051) throw new Error(`${path} is not an idx3 image file (magic 2051)`);
  if (labels.length < 8 || labels.readUInt32BE(0) !== 2049) throw new Error(`${path.replace('images-idx3', 'labels-idx1')} is not an idx1 label file (magic 2049)`);
  const count = images.readUInt32BE(4);
  const height = images.readUInt32BE(8);
  const width = images.readUInt32BE(12);
  if (labels.readUInt32BE(4) !== count) throw new Error(`${path}: ${count} images but ${labels.readUInt32BE(4)} labels`);
  const size = count * height * width;
  if (images.length !== 16 + size || labels.length !== 8 + count) throw new Error(`${path}: file length does not match its idx header`);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = images[16 + i] / 255;
  return { count, width, height, images: out, labels: new Uint8Array(labels.subarray(8)) };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
