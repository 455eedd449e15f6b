import * as tf from '@tensorflow/tfjs';
import { PALETTE } from './colors';
import { headless, inKernel, newDisplayId, sendBundle } from './display';
import type { Figure } from './figure';
import { figureHtml, libraryLoaderHtml } from './html';
import { learningCurves } from './learning-curves';
import { figureBundle, librarySentAlready, markLibrarySent } from './show';
import { checker } from '../args';

export interface LiveCurvesOptions {
  /** Base metrics to plot, each with its `val_` counterpart. Default: every metric logged. */
  metrics?: string[];
  /** Total epochs, for the remaining-time estimate. Default: the `epochs` given to model.fit. */
  epochs?: number;
  /** Figure title. Default: 'Training'. */
  title?: string;
  /** Logarithmic y axis. Default: false. */
  logY?: boolean;
  /** Minimum time between two redraws of the live plot, in ms. Default: 500. */
  throttleMs?: number;
  /**
   * Headless runner and plain Node: print the status line every `logEvery` epochs (and always
   * the last). Default: 1, one line per epoch.
   */
  logEvery?: number;
}

type LogValue = number | { dataSync(): ArrayLike<number> };

/** Seconds as '4.2 s' or '3 min 05 s'. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${String(Math.round(seconds - 60 * m)).padStart(2, '0')} s`;
}

/**
 * A tf.js callback that shows training as it happens, in ONE output updated in place: epoch,
 * metrics, elapsed and remaining time, and the learning curves so far (training solid,
 * validation dashed). When training ends the output becomes a regular figure (interactive +
 * static image), so the saved notebook keeps only the final state. In the headless runner
 * (REGLAB_HEADLESS, REGLAB_SMOKE or CI set) and outside a kernel it prints one compact line per
 * epoch instead (`epoch 3/10 · loss 0.41 · val_loss 0.46 · 0.8 s elapsed · ~1.9 s left`), so the
 * executed notebook logs the run; in the runner the final figure is shown after the lines.
 *
 * ```ts
 * const live = rl.plot.liveCurves({ title: 'MLP, L2 1e-3' });
 * await model.fit(xs, ys, { epochs: 50, validationSplit: 0.2, callbacks: [live] });
 * live.history.val_loss; // number[] per epoch
 * ```
 */
export class LiveCurves extends tf.Callback {
  /** Every logged metric, one value per epoch (reset when training begins). */
  history: Record<string, number[]> = {};
  private readonly options: LiveCurvesOptions;
  private displayId = '';
  private started = 0;
  private lastDraw = 0;
  private carriesLibrary = false;
  private epochsDone = 0;

  constructor(options: LiveCurvesOptions = {}) {
    super();
    const check = checker('rl.plot.liveCurves');
    check.options<LiveCurvesOptions>(options, ['metrics', 'epochs', 'title', 'logY', 'throttleMs', 'logEvery']);
    if (options.epochs !== undefined) check.integer('epochs', options.epochs, 1, undefined, 10_000_000);
    if (options.title !== undefined) check.string('title', options.title, undefined, true);
    check.boolean('logY', options.logY, false);
    check.nonNegative('throttleMs', options.throttleMs, 500);
    if (options.metrics !== undefined) {
      if (!Array.isArray(options.metrics)) throw check.error('metrics', 'an array of metric names', options.metrics, 'type');
      options.metrics.forEach((m, i) => check.string(`metrics[${i}]`, m));
    }
    if (options.logEvery !== undefined) check.integer('logEvery', options.logEvery, 1);
    this.options = options;
    // Usable as a plain { onTrainBegin, onEpochEnd, onTrainEnd } object too (tf.js calls those unbound).
    this.onTrainBegin = this.onTrainBegin.bind(this);
    this.onEpochEnd = this.onEpochEnd.bind(this);
    this.onTrainEnd = this.onTrainEnd.bind(this);
  }

  override async onTrainBegin(): Promise<void> {
    this.history = {};
    this.started = Date.now();
    this.lastDraw = 0;
    this.epochsDone = 0;
    this.displayId = newDisplayId();
    this.carriesLibrary = false;
    if (inKernel() && !headless()) sendBundle({ 'text/plain': `training… (${this.totalEpochs() ?? '?'} epochs)` }, { displayId: this.displayId });
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, LogValue>): Promise<void> {
    if (this.started === 0) await this.onTrainBegin();
    for (const [key, value] of Object.entries(logs ?? {})) {
      const v = typeof value === 'number' ? value : value.dataSync()[0];
      (this.history[key] ??= []).push(v);
    }
    this.epochsDone = epoch + 1;
    const line = this.statusLine();
    if (!inKernel() || headless()) {
      const every = this.options.logEvery ?? 1;
      if (this.epochsDone % every === 0 || this.epochsDone === this.totalEpochs()) console.log(line);
      return;
    }
    const now = Date.now();
    const last = this.totalEpochs() === this.epochsDone;
    if (!last && this.lastDraw !== 0 && now - this.lastDraw < (this.options.throttleMs ?? 500)) return;
    this.lastDraw = now;
    // plotly.js goes in the first redraw only (the page keeps it); if this output is the one
    // that carried it, the final state carries it again, so a reopened notebook still loads it.
    const withLibrary = !librarySentAlready();
    if (withLibrary) {
      this.carriesLibrary = true;
      markLibrarySent();
    }
    const html = `${statusHtml(line)}${withLibrary ? libraryLoaderHtml() : ''}` +
      figureHtml(this.figure(), { id: newDisplayId(), description: line });
    sendBundle({ 'text/html': html, 'text/plain': line }, { displayId: this.displayId, update: true });
  }

  override async onTrainEnd(): Promise<void> {
    const line = this.statusLine(true);
    if (!inKernel()) {
      console.log(line);
      return;
    }
    if (headless()) {
      console.log(line);
      this.started = 0;
      if (this.epochsDone > 0) {
        const { data, metadata } = figureBundle(this.figure());
        sendBundle(data, { metadata });
      }
      return;
    }
    if (this.epochsDone === 0) {
      sendBundle({ 'text/plain': line }, { displayId: this.displayId, update: true });
      return;
    }
    const { data, metadata } = figureBundle(this.figure(), { includeLibrary: this.carriesLibrary || undefined });
    data['text/plain'] = `${line}\n${String(data['text/plain'])}`;
    data['text/html'] = statusHtml(line) + String(data['text/html']);
    sendBundle(data, { displayId: this.displayId, update: true, metadata });
    this.started = 0;
  }

  /** The learning curves so far. */
  figure(): Figure {
    const keys = Object.keys(this.history);
    const base = this.options.metrics ?? keys.filter((k) => !k.startsWith('val_'));
    if (base.length === 0 && keys.length > 0) base.push(...keys.map((k) => k.replace(/^val_/, '')));
    const runs = [...new Set(base)].map((m) => ({ name: m, train: this.history[m], validation: this.history[`val_${m}`] }))
      .filter((r) => r.train !== undefined || r.validation !== undefined);
    const fig = learningCurves(runs, { title: this.options.title ?? 'Training', yTitle: runs.length === 1 ? runs[0].name : 'value', logY: this.options.logY });
    // Colour by metric position, not by the session's run-name colours (metric names are not runs).
    for (const trace of fig.data) {
      const color = PALETTE[runs.findIndex((r) => r.name === trace.legendgroup) % PALETTE.length];
      trace.line = { ...(trace.line as object), color };
      trace.marker = { color };
    }
    return fig;
  }

  private totalEpochs(): number | undefined {
    const fromFit = (this.params as { epochs?: unknown } | undefined)?.epochs;
    return this.options.epochs ?? (typeof fromFit === 'number' ? fromFit : undefined);
  }

  private statusLine(done = false): string {
    const total = this.totalEpochs();
    const elapsed = (Date.now() - this.started) / 1000;
    // loss, val_loss, acc, val_acc, …: each metric next to its validation counterpart
    const keys = Object.keys(this.history);
    const base = [...new Set(keys.map((k) => k.replace(/^val_/, '')))];
    const ordered = base.flatMap((m) => [m, `val_${m}`]).filter((k) => k in this.history);
    const metrics = ordered.map((k) => `${k} ${Number(this.history[k][this.history[k].length - 1].toPrecision(4))}`);
    const parts = [`epoch ${this.epochsDone}${total ? `/${total}` : ''}`, ...metrics, `${formatSeconds(elapsed)} elapsed`];
    if (done) parts.push('done');
    else if (total && this.epochsDone > 0) parts.push(`~${formatSeconds((elapsed / this.epochsDone) * (total - this.epochsDone))} left`);
    return parts.join(' · ');
  }
}

function statusHtml(line: string): string {
  const esc = line.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<div class="reglab-live" style="font:13px monospace;color:#333;margin:4px 0">${esc}</div>`;
}

/** Creates a {@link LiveCurves} callback for `model.fit(…, { callbacks: [rl.plot.liveCurves()] })`. */
export function liveCurves(options: LiveCurvesOptions = {}): LiveCurves {
  return new LiveCurves(options);
}
