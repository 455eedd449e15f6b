// Static images of figures (PNG), so viewers that run no JavaScript (GitHub-like renderers,
// nbviewer without JS, e-mail) still show the plot. Rendered by plotly.js itself in a headless
// Chromium driven by playwright-core.
//
// `show()` is synchronous, yet the browser is asynchronous: the browser lives in a worker thread
// and the caller blocks on Atomics.wait until the worker answers, then reads the reply with
// receiveMessageOnPort. One worker and one browser per process (= per kernel session), started in
// the background when reglab is imported inside a kernel, so the first plot rarely waits.
//
// Optional: off when REGLAB_STATIC_PLOTS=0 (default off in smoke runs), when playwright-core is not installed or when no
// Chromium is found (REGLAB_CHROMIUM, else /usr/bin/chromium, /usr/bin/chromium-browser). Any
// failure disables it for the session with one warning; the plot is still shown interactively.
import * as config from '../config';
import { env } from '../env';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Figure } from './figure';
import { plotlyPath } from './html';

/** Chromium flags: headless, quiet, and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export interface StaticImage {
  mime: 'image/png';
  base64: string;
  /** The same image as WebP (about a quarter of the PNG's size), for the HTML fallback. */
  webp?: string;
  width: number;
  height: number;
}

/** The Chromium executable to use, or undefined. */
export function chromiumPath(): string | undefined {
  const candidates = [env.chromium(), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

function playwrightPath(): string | undefined {
  try {
    return require.resolve('playwright-core');
  } catch {
    return undefined;
  }
}

/**
 * Whether the static image also goes out as the bundle's `image/png` part (for exports that take
 * no HTML: nbconvert to PDF, LaTeX or Markdown): only with REGLAB_STATIC_PLOTS=png. Otherwise the
 * image lives in the HTML fallback only, as WebP — a PNG per figure would double a notebook's
 * weight (measured: 03-elastic-net, 10 figures, 1.54 MB with PNGs, 0.99 MB without).
 */
export function staticPngPart(): boolean {
  return env.staticPlots() === 'png';
}

/**
 * Whether figures get a static image: REGLAB_STATIC_PLOTS=1 (or png) / 0 forces it on / off; by default on,
 * except in smoke runs (REGLAB_SMOKE=1), where the browser's start-up (≈ 5 s per kernel session
 * on a 2-core machine, then ≈ 45 ms per figure) would slow the quick suite for nothing. Needs
 * Chromium and playwright-core either way.
 */
export function staticImagesAvailable(): boolean {
  if (!(env.staticPlots() ?? !config.smoke)) return false;
  return !disabled && chromiumPath() !== undefined && playwrightPath() !== undefined;
}

// The worker: launches Chromium once, opens a page with plotly.js, renders on request.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { chromium } = require(workerData.playwright);
const signal = new Int32Array(workerData.signal);
const port = workerData.port;
const ready = (async () => {
  const browser = await chromium.launch({ executablePath: workerData.chromium, args: workerData.args, handleSIGINT: false });
  const page = await browser.newPage();
  await page.goto(pathToFileURL(workerData.page).href);
  await page.waitForFunction(() => !!window.Plotly, undefined, { polling: 50 });
  return { browser, page };
})();
ready.catch(() => {});
let queue = Promise.resolve();
function reply(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
port.on('message', (request) => {
  queue = queue.then(async () => {
    try {
      const { page } = await ready;
      const urls = await page.evaluate(async ({ figure, width, height }) => {
        const fig = { data: figure.data, layout: Object.assign({}, figure.layout, { width, height }) };
        return [await window.Plotly.toImage(fig, { format: 'png', width, height }),
          await window.Plotly.toImage(fig, { format: 'webp', width, height })];
      }, request);
      const strip = (url) => url.slice(url.indexOf(',') + 1);
      reply({ id: request.id, base64: strip(urls[0]), webp: urls[1].startsWith('data:image/webp') ? strip(urls[1]) : undefined });
    } catch (e) {
      reply({ id: request.id, error: String(e && e.message || e) });
    }
  });
});
`;

interface Renderer {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  nextId: number;
  served: number;
}

let renderer: Renderer | undefined;
let disabled = false;

/**
 * The page the renderer opens: plotly.js by file:// URL (parsed natively, faster than injecting
 * 10.8 MB over the DevTools pipe). One file per plotly.js location, written once, atomically.
 */
function renderPage(): string {
  const plotly = plotlyPath();
  const page = join(tmpdir(), `reglab-plot-render-${createHash('sha256').update(plotly).digest('hex').slice(0, 12)}.html`);
  if (!existsSync(page)) {
    const partial = `${page}.${process.pid}.tmp`;
    writeFileSync(partial, '<!doctype html><html><head><meta charset="utf-8"></head><body>' +
      `<script src="${pathToFileURL(plotly).href}"></script></body></html>`);
    renameSync(partial, page);
  }
  return page;
}

/** Starts the worker and browser in the background (no-op when unavailable or started). */
export function warmUp(): void {
  if (renderer || !staticImagesAvailable()) return;
  try {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        playwright: playwrightPath(), chromium: chromiumPath(), args: CHROMIUM_ARGS,
        page: renderPage(), signal: shared, port: port2,
      },
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
    worker.unref();
    port1.unref();
    worker.on('error', () => disable('the renderer thread failed'));
    renderer = { worker, port: port1, signal: new Int32Array(shared), nextId: 1, served: 0 };
  } catch (e) {
    disable(String((e as Error).message));
  }
}

function disable(reason: string): void {
  if (disabled) return;
  disabled = true;
  process.emitWarning(`reglab: static plot images are off for this session (${reason}); plots stay interactive.`);
  const r = renderer;
  renderer = undefined;
  void r?.worker.terminate();
}

/**
 * Renders `figure` to a PNG synchronously, or returns undefined (unavailable, failed or timed out).
 * The first call may wait for the browser to start (≤ 60 s), later ones ≤ 20 s.
 */
export function renderStaticImage(figure: Figure, width: number, height: number): StaticImage | undefined {
  warmUp();
  if (!renderer) return undefined;
  const r: Renderer = renderer;
  const id = r.nextId++;
  r.port.postMessage({ id, figure, width, height });
  const deadline = Date.now() + (r.served === 0 ? 60_000 : 20_000);
  for (;;) {
    // Drain first: the answer may be queued already; late answers to timed-out requests are dropped.
    for (let got = receiveMessageOnPort(r.port); got !== undefined; got = receiveMessageOnPort(r.port)) {
      const message = got.message as { id: number; base64?: string; webp?: string; error?: string };
      if (message.id !== id) continue;
      if (message.error !== undefined || !message.base64) {
        disable(message.error ?? 'empty image');
        return undefined;
      }
      r.served += 1;
      return { mime: 'image/png', base64: message.base64, ...(message.webp ? { webp: message.webp } : {}), width, height };
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      disable('Chromium did not answer in time');
      return undefined;
    }
    Atomics.wait(r.signal, 0, 0, left);
    Atomics.store(r.signal, 0, 0);
  }
}

/** Stops the worker and its browser (tests; the kernel's exit does the same). */
export async function shutdownRenderer(): Promise<void> {
  const r = renderer;
  renderer = undefined;
  await r?.worker.terminate();
}
