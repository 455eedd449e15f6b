/**
 * Every environment variable reglab reads, each through one parser and read lazily (at the first
 * use, not at import). Re-exported as `rl.config.env` and `rl.config.parseFlag`.
 *
 * | variable              | meaning                                                      |
 * |-----------------------|--------------------------------------------------------------|
 * | REGLAB_SMOKE          | smoke mode (flag; read once into `rl.config.smoke`)          |
 * | REGLAB_HEADLESS       | no person watches: live plots print lines (flag)             |
 * | CI                    | continuous integration: headless (flag; any other text: on)  |
 * | REGLAB_STATIC_PLOTS   | static images (flag or png; default: on unless smoke)        |
 * | REGLAB_BACKEND        | force a tfjs backend: tensorflow, wasm or cpu                |
 * | REGLAB_WASM_KERNELS   | `stock` keeps tfjs-backend-wasm's speed kernels              |
 * | REGLAB_WASM_THREADS   | XNNPACK threads of the wasm backend (default 1)              |
 * | REGLAB_DATA           | data cache folder                                            |
 * | REGLAB_DATA_MIRROR    | an http(s) URL serving the data sets                         |
 * | REGLAB_RUNS           | folder of run records                                        |
 * | REGLAB_CHROMIUM       | the Chromium executable for static PNGs                      |
 * | REGLAB_LINEAR_SIMD    | 0: the linear solvers' JavaScript kernels instead of SIMD    |
 * | REGLAB_LINEAR_THREADS | 1: the linear Gram pass on one thread                        |
 * | REGLAB_PYTHON         | the Python asked for sys.prefix by `reglab kernel install`   |
 * | XDG_CACHE_HOME        | the user's cache folder (data cache: $XDG_CACHE_HOME/reglab) |
 *
 * ```ts
 * rl.config.parseFlag('REGLAB_SMOKE', 'no');   // false
 * rl.config.env.staticPlots();                 // false in smoke mode unless REGLAB_STATIC_PLOTS=1
 * ```
 */
import { show } from './args';

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['', '0', 'false', 'no', 'off'];

/**
 * The boolean flag of an environment variable: undefined when unset, true for 1/true/yes/on,
 * false for ''/0/false/no/off (any case, surrounding blanks ignored); other text is a RangeError
 * naming the variable (unless `lenient`, where other text means on, as CI=github does).
 */
export function parseFlag(name: string, raw: string | undefined, lenient = false): boolean | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  if (lenient) return true;
  throw new RangeError(
    `rl.config.env: \`${name}\` must be one of ${[...TRUE, ...FALSE.slice(1)].join(', ')} or empty; received ${show(raw)}`,
  );
}

const parsed = new Map<string, { raw: string | undefined; value: unknown }>();

/** `parse(raw)` of env `name`, parsed again only when the raw text changed since the last read. */
function read<T>(name: string, parse: (raw: string | undefined) => T): T {
  const raw = typeof process === 'undefined' ? undefined : process.env[name];
  const hit = parsed.get(name);
  if (hit && hit.raw === raw) return hit.value as T;
  const value = parse(raw);
  parsed.set(name, { raw, value });
  return value;
}

const flag = (name: string, lenient = false) => read(name, (raw) => parseFlag(name, raw, lenient));
const text = (name: string) => read(name, (raw) => (raw === undefined || raw.trim() === '' ? undefined : raw));

/** The backends REGLAB_BACKEND may name. */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;

export const env = {
  /** REGLAB_SMOKE as a flag (false when unset). `rl.config.smoke` holds it, `setSmoke` overrides. */
  smoke: (): boolean => flag('REGLAB_SMOKE') ?? false,
  /** REGLAB_HEADLESS as a flag, undefined when unset. */
  headless: (): boolean | undefined => flag('REGLAB_HEADLESS'),
  /** CI as a flag (any unrecognized text counts as on). */
  ci: (): boolean => flag('CI', true) ?? false,
  /** REGLAB_STATIC_PLOTS: a flag, or 'png' (on, and image/png parts too); undefined when unset. */
  staticPlots: (): boolean | 'png' | undefined => read('REGLAB_STATIC_PLOTS', (raw) =>
    (raw?.trim().toLowerCase() === 'png' ? 'png' : parseFlag('REGLAB_STATIC_PLOTS', raw))),
  /** REGLAB_BACKEND, lower-cased, or undefined; other names are a RangeError. */
  backend: (): (typeof BACKEND_NAMES)[number] | undefined => read('REGLAB_BACKEND', (raw) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const name = raw.trim().toLowerCase();
    if ((BACKEND_NAMES as readonly string[]).includes(name)) return name as (typeof BACKEND_NAMES)[number];
    throw new RangeError(`rl.config.env: REGLAB_BACKEND must be one of ${BACKEND_NAMES.join(', ')}; received ${show(raw)}`);
  }),
  /** REGLAB_WASM_KERNELS: 'stock' (also off/0/false/no) keeps every stock speed kernel; else 'reglab'. */
  wasmKernels: (): 'stock' | 'reglab' => read('REGLAB_WASM_KERNELS', (raw) => {
    if (raw === undefined || raw.trim() === '') return 'reglab';
    const value = raw.trim().toLowerCase();
    if (value === 'stock' || FALSE.includes(value)) return 'stock';
    if (value === 'reglab' || TRUE.includes(value)) return 'reglab';
    throw new RangeError(`rl.config.env: \`REGLAB_WASM_KERNELS\` must be 'stock' or 'reglab'; received ${show(raw)}`);
  }),
  /** REGLAB_WASM_THREADS, the wasm backend's XNNPACK threads: an integer 1–8 (default 1). */
  wasmThreads: (): number => read('REGLAB_WASM_THREADS', (raw) => {
    if (raw === undefined || raw.trim() === '') return 1;
    const n = Number(raw.trim());
    if (!Number.isInteger(n) || n < 1 || n > 8) {
      throw new RangeError(`rl.config.env: \`REGLAB_WASM_THREADS\` must be an integer from 1 to 8; received ${show(raw)}`);
    }
    return n;
  }),
  /** REGLAB_DATA, the data cache folder, or undefined. */
  dataDir: (): string | undefined => text('REGLAB_DATA'),
  /** REGLAB_DATA_MIRROR as an http(s) URL ending in '/', or undefined; anything else is a RangeError. */
  dataMirror: (): string | undefined => read('REGLAB_DATA_MIRROR', (raw) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    let url: URL | undefined;
    try {
      url = new URL(raw.trim());
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new RangeError(`rl.config.env: \`REGLAB_DATA_MIRROR\` must be an http(s) URL like 'http://host/data/'; received ${show(raw)}`);
    }
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  }),
  /** REGLAB_RUNS, the folder of run records, or undefined. */
  runsDir: (): string | undefined => text('REGLAB_RUNS'),
  /** REGLAB_LINEAR_SIMD as a flag (0/off: the JavaScript fallback of the linear kernels), undefined when unset. */
  linearSimd: (): boolean | undefined => flag('REGLAB_LINEAR_SIMD'),
  /** REGLAB_LINEAR_THREADS, the threads of the linear Gram pass (1: one thread), or undefined. */
  linearThreads: (): number | undefined => read('REGLAB_LINEAR_THREADS', (raw) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const n = Number(raw.trim());
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`rl.config.env: \`REGLAB_LINEAR_THREADS\` must be an integer ≥ 1; received ${show(raw)}`);
    }
    return n;
  }),
  /** REGLAB_PYTHON, the Python whose sys.prefix `reglab kernel install --sys-prefix` uses, or undefined. */
  python: (): string | undefined => text('REGLAB_PYTHON'),
  /** XDG_CACHE_HOME, the user's cache folder (the data cache defaults below it), or undefined. */
  cacheHome: (): string | undefined => text('XDG_CACHE_HOME'),
  /** REGLAB_CHROMIUM, a Chromium executable, or undefined. */
  chromium: (): string | undefined => text('REGLAB_CHROMIUM'),
};
