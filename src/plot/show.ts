import { inKernel, newDisplayId, sendBundle, type MimeBundle } from './display';
import { assertFigure, describeFigure, type Figure } from './figure';
import { bundleFor, largerBundle, type PlotlyBundle } from './bundle';
import { figureHtml, libraryLoaderHtml } from './html';
import { renderStaticImage, staticPngPart, warmUp } from './static-image';
import { checker } from '../args';

export interface ShowOptions {
  /**
   * Attach a static image (rendered by headless Chromium) for viewers without JavaScript: WebP in
   * the HTML fallback, and PNG as `image/png` too with REGLAB_STATIC_PLOTS=png.
   * Default: true when available (env REGLAB_STATIC_PLOTS=0 turns it off everywhere).
   */
  static?: boolean;
  /** Static image width in pixels. Default: layout.width, else 720. */
  width?: number;
  /** Static image height in pixels. Default: layout.height, else 420. */
  height?: number;
  /** Display id, to replace this output later with `show(fig, { displayId, update: true })`. */
  displayId?: string;
  /** Replace the output with `displayId` instead of adding one. Default: false. */
  update?: boolean;
  /**
   * Include plotly.js in the HTML. Default: only in the first figure of the kernel session (the
   * partial "cartesian" build), and in the first figure whose trace types need the full build.
   */
  includeLibrary?: boolean;
}

/** The plotly.js build this kernel session has sent to the front end, if any. */
let librarySent: PlotlyBundle | undefined;

/**
 * A JSON-safe copy: typed arrays (e.g. `tensor.dataSync()`) become plain arrays — JSON would
 * turn them into `{ "0": …, "1": … }` objects that plotly cannot draw.
 */
export function plainFigure(figure: Figure): Figure {
  const replacer = (_key: string, value: unknown): unknown =>
    ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
  const copy = JSON.parse(JSON.stringify({ data: figure.data, layout: figure.layout ?? {} }, replacer)) as Figure;
  return copy;
}

/** The one-line text/plain of a figure. */
export function figureText(figure: Figure): string {
  return `${describeFigure(figure)} [interactive plotly figure]`;
}

/**
 * The MIME bundle `show` sends: application/vnd.plotly.v1+json, text/html (offline plotly.js),
 * text/plain and, when rendered, image/png.
 */
export function figureBundle(figure: Figure, options: ShowOptions = {}): { data: MimeBundle; metadata: Record<string, unknown> } {
  assertFigure(figure, 'figure', 'rl.plot.figureBundle');
  checkShowOptions('rl.plot.figureBundle', options);
  const layout = (figure.layout ?? {}) as { width?: unknown; height?: unknown };
  const fig = plainFigure(figure);
  const width = options.width ?? (Number(layout.width) || 720);
  const height = options.height ?? (Number(layout.height) || 420);
  const image = options.static === false ? undefined : renderStaticImage(fig, width, height);
  const text = figureText(fig);
  const need = bundleFor(fig);
  const withLibrary = options.includeLibrary ?? (librarySent === undefined || largerBundle(librarySent, need) !== librarySent);
  const bundle = largerBundle(librarySent, need);
  const html = (withLibrary ? libraryLoaderHtml(bundle) : '') + figureHtml(fig, { id: newDisplayId(), description: text, image });
  if (withLibrary) librarySent = bundle;
  const data: MimeBundle = {
    'application/vnd.plotly.v1+json': { data: fig.data, layout: fig.layout, config: { displaylogo: false } },
    'text/html': html,
    'text/plain': text,
  };
  const metadata: Record<string, unknown> = {};
  // The image/png part only when asked (REGLAB_STATIC_PLOTS=png), or when no WebP was made: the
  // HTML fallback already shows the picture to every viewer that renders HTML.
  if (image && (staticPngPart() || !image.webp)) {
    data[image.mime] = image.base64;
    metadata[image.mime] = { width: image.width, height: image.height };
  }
  return { data, metadata };
}

/**
 * Shows a plotly figure as ONE display_data bundle: the front end picks plotly JSON (JupyterLab
 * with the plotly extension), HTML with an offline copy of plotly.js (classic Notebook, JupyterLab,
 * VS Code, nbconvert), a static PNG (viewers without JavaScript), or the one-line text.
 * Outside a kernel (plain Node) it prints the text line.
 *
 * ```ts
 * rl.plot.show(rl.plot.lineChart([{ name: 'sin', x: [0, 1, 2, 3], y: [0, 0.84, 0.91, 0.14] }]));
 * ```
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  assertFigure(figure);
  checkShowOptions('rl.plot.show', options);
  if (!inKernel()) {
    sendBundle({ 'text/plain': figureText(figure) });
    return;
  }
  const { data, metadata } = figureBundle(figure, options);
  sendBundle(data, { metadata, displayId: options.displayId, update: options.update });
}

/**
 * Sends plotly.js to the page again. Only needed when the output that first carried it was
 * cleared and the notebook page reloaded while the kernel kept running.
 */
export function init(): void {
  librarySent = largerBundle(librarySent, 'cartesian');
  sendBundle({ 'text/html': libraryLoaderHtml(librarySent), 'text/plain': 'plotly.js loaded into this page (offline copy)' });
}

/** True once a figure carrying plotly.js has been sent in this kernel session. */
export function librarySentAlready(): boolean {
  return librarySent !== undefined;
}

/** Records that plotly.js (the cartesian build) went out with some other output (liveCurves). */
export function markLibrarySent(): void {
  librarySent = largerBundle(librarySent, 'cartesian');
}

/** Forget that plotly.js was sent (tests). */
export function resetSession(): void {
  librarySent = undefined;
}

/**
 * Inside a notebook kernel, starts the static-image renderer (headless Chromium, ≈ 5 s) in the
 * background, so the first figure does not wait for it. Nothing happens outside a kernel.
 *
 * ```ts
 * rl.plot.warmUp();   // in the setup cell
 * ```
 */
export function warmUpInKernel(): void {
  if (inKernel()) warmUp();
}

function checkShowOptions(owner: string, options: unknown): void {
  const check = checker(owner);
  const o = check.options<ShowOptions>(options, ['static', 'width', 'height', 'displayId', 'update', 'includeLibrary']);
  check.boolean('static', o.static, true);
  // Static PNGs are rendered at this size: 10 000 pixels a side is the limit.
  for (const k of ['width', 'height'] as const) if (o[k] !== undefined) check.integer(k, o[k], 50, undefined, 10_000);
  if (o.displayId !== undefined) check.string('displayId', o.displayId);
  check.boolean('update', o.update, false);
  if (o.includeLibrary !== undefined) check.boolean('includeLibrary', o.includeLibrary);
}
