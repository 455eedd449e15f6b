// The text/html part of a figure bundle: works offline in classic Notebook, JupyterLab, VS Code
// and nbconvert's HTML, with plotly.js taken from the installed packages (no CDN).
//
// How the library gets into the page: the FIRST figure shown in a kernel session carries a loader
// script holding plotly.js gzip-compressed and base64-encoded — the partial "cartesian" bundle
// (plotly.js-cartesian-dist-min: 0.60 MB as gzip + base64, against 4.3 MB for the full
// plotly.js-dist), which draws every trace type reglab's builders make (bundle.ts); a later
// figure with another trace type carries the full bundle, once. In the browser the script is
// decompressed with DecompressionStream and evaluated once per page, with `define`,
// `module` and `exports` shadowed so that require.js (classic Notebook) does not capture it as an
// anonymous AMD module — it always becomes `window.Plotly`. The page keeps `window.Plotly` when
// that first output is later cleared. Every figure's script waits for `window.Plotly` (or the
// loader's promise) and draws; until then, and in viewers that run no JavaScript, the div shows
// the static image (when one was rendered) or a one-line description. A page that never saw the
// loader (the notebook reopened with the first plot's output cleared) says so in the output:
// `rl.plot.init()` sends the loader again.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { plotlyBundlePath, plotlyBundleVersion, type PlotlyBundle } from './bundle';
import type { Figure } from './figure';

const encoded: Partial<Record<PlotlyBundle, string>> = {};

/**
 * A plotly.js build's source, gzip (level 9) + base64: computed once per process, and cached in
 * the temp folder (keyed by build, version and size, written atomically) because compressing
 * costs ≈ 0.1 s (cartesian) to 0.5 s (full) at the first plot of every kernel session.
 */
function plotlyGzipBase64(bundle: PlotlyBundle): string {
  const known = encoded[bundle];
  if (known !== undefined) return known;
  const path = plotlyBundlePath(bundle);
  const cache = join(tmpdir(), `reglab-plotly-${bundle}-${plotlyBundleVersion(bundle)}-${statSync(path).size}.gz9.b64`);
  try {
    const cached = readFileSync(cache, 'utf8');
    if (/^[A-Za-z0-9+/]+=*$/.test(cached.slice(-64))) return (encoded[bundle] = cached);
  } catch {
    // not cached yet
  }
  const text = gzipSync(readFileSync(path), { level: 9 }).toString('base64');
  encoded[bundle] = text;
  try {
    const partial = `${cache}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, cache);
  } catch {
    // a read-only temp folder only costs the recompression next time
  }
  return text;
}

/** Absolute path of the installed full plotly.js bundle (the static-image renderer uses it). */
export function plotlyPath(): string {
  return plotlyBundlePath('full');
}

/** The installed full plotly.js version. */
export function plotlyVersion(): string {
  return plotlyBundleVersion('full');
}

/**
 * A script that loads plotly.js into the page once (idempotent across outputs): `bundle`
 * 'cartesian' (default) or 'full'. A page that has the cartesian build and then gets the full
 * one loads it after the first (so the full one ends up as window.Plotly); a page whose
 * window.Plotly came from elsewhere (e.g. a JupyterLab extension) keeps it.
 */
export function libraryLoaderHtml(bundle: PlotlyBundle = 'cartesian'): string {
  return `<script type="text/javascript">
(function () {
  var want = ${JSON.stringify(bundle)}, have = window.__reglabPlotlyBundle;
  if (have === 'full' || have === want) return;
  if (!have && window.Plotly && window.Plotly.newPlot) return;
  var b64 = "${plotlyGzipBase64(bundle)}";
  var before = window.__reglabPlotly;
  window.__reglabPlotlyBundle = want;
  window.__reglabPlotly = (async function () {
    if (before) await before.catch(function () {});
    var raw = atob(b64), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    var source = await new Response(stream).text();
    var s = document.createElement('script');
    s.textContent = '(function (define, module, exports) {\\n' + source + '\\n}).call(window);';
    document.head.appendChild(s);
    if (!window.Plotly) throw new Error('plotly.js did not load');
    return window.Plotly;
  })();
})();
</script>`;
}

/** JSON safe to embed in a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export interface FigureHtmlOptions {
  /** Element id (unique in the page). */
  id: string;
  /** One-line description, shown when neither JavaScript nor a static image is available. */
  description: string;
  /** Static image to show before (or instead of) the interactive plot (its WebP copy if any). */
  image?: { mime: string; base64: string; webp?: string; width: number; height: number };
}

/** A div + script drawing `figure` with window.Plotly once it is available. */
export function figureHtml(figure: Figure, options: FigureHtmlOptions): string {
  const height = Number((figure.layout as { height?: unknown }).height) || 420;
  const fallback = options.image
    ? `<img alt="${escapeHtml(options.description)}" width="${options.image.width}" height="${options.image.height}" ` +
      `style="max-width:100%;height:auto" src="data:${options.image.webp ? 'image/webp' : options.image.mime};base64,` +
      `${options.image.webp ?? options.image.base64}">`
    : `<p style="font:13px sans-serif;color:#555">${escapeHtml(options.description)}</p>`;
  return `<div class="reglab-plot" id="${options.id}" style="width:100%;min-height:${height}px">${fallback}</div>
<script type="text/javascript">
(function () {
  var el = document.getElementById(${JSON.stringify(options.id)});
  if (!el) return;
  var fig = ${scriptJson(figure)};
  function draw(Plotly) {
    el.innerHTML = '';
    Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false });
  }
  function missing() {
    var p = document.createElement('p');
    p.style.cssText = 'font:12px sans-serif;color:#a33';
    p.textContent = 'plotly.js is not loaded in this page (the output that carried it was cleared?): run rl.plot.init() and re-run this cell.';
    el.appendChild(p);
  }
  // the loader's promise first: it may be bringing a larger build than window.Plotly
  if (window.__reglabPlotly) return window.__reglabPlotly.then(draw, missing);
  if (window.Plotly && window.Plotly.newPlot) return draw(window.Plotly);
  var tries = 0;
  (function wait() {
    if (window.__reglabPlotly) return window.__reglabPlotly.then(draw, missing);
    if (window.Plotly && window.Plotly.newPlot) return draw(window.Plotly);
    if (++tries > 40) return missing();
    setTimeout(wait, 50);
  })();
})();
</script>`;
}
