import { headless, inKernel, newDisplayId, sendBundle } from './display';
import { formatSeconds } from './live-curves';
import { checker } from '../args';

export interface ProgressOptions {
  /** Number of steps (runs, seeds, folds, λ values…), for "3/12" and the time left. Required. */
  total: number;
  /** What a step is, shown before the count. Default: 'run'. */
  label?: string;
  /** Minimum time between two in-place updates in Jupyter, in ms. Default: 250. */
  throttleMs?: number;
}

/** Values shown with a step: `{ seed: 3, arm: 'L2', 'val loss': 0.41 }` → `seed 3 · arm L2 · val loss 0.41`. */
export type ProgressInfo = Record<string, string | number | boolean>;

function formatInfo(info: ProgressInfo): string[] {
  return Object.entries(info).map(([k, v]) => `${k} ${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v}`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Progress of a loop of runs (seeds, folds, λ values) that each train silently: in Jupyter ONE
 * output updated in place (a bar, the step count, the last step's values, elapsed and remaining
 * time); in the headless runner (REGLAB_HEADLESS, REGLAB_SMOKE or CI) and outside a kernel ONE
 * printed line per step, so an executed notebook logs its runs. `model.fit`'s epochs have
 * {@link liveCurves}; this is for the loop around them.
 *
 * Remaining time = elapsed / steps done × steps left.
 *
 * ```ts
 * const progress = rl.plot.progress({ total: seeds.length, label: 'seed' });
 * for (const seed of seeds) {
 *   const loss = await trainOnce(seed);
 *   progress.step({ seed: seed, 'val loss': loss });
 * }
 * progress.done();
 * ```
 */
export class Progress {
  readonly total: number;
  private readonly label: string;
  private readonly throttleMs: number;
  private readonly displayId = newDisplayId();
  private readonly started = Date.now();
  private count = 0;
  private lastDraw = 0;
  private finished = false;

  constructor(options: ProgressOptions) {
    const check = checker('rl.plot.progress');
    check.object('options', options, 'an options object { total, … }');
    check.options<ProgressOptions>(options, ['total', 'label', 'throttleMs']);
    this.total = check.integer('total', options.total, 1);
    this.label = check.string('label', options.label, 'run');
    this.throttleMs = check.nonNegative('throttleMs', options.throttleMs, 250);
    if (inKernel() && !headless()) this.draw(`${this.label} 0/${this.total} · starting`, true);
  }

  /** Steps completed so far. */
  get completed(): number {
    return this.count;
  }

  /** Records one finished step with the values to show; returns the status line. */
  step(info: ProgressInfo = {}): string {
    if (this.finished) throw new Error(`progress "${this.label}" is already done (${this.count}/${this.total})`);
    this.count += 1;
    const line = this.line(info);
    if (!inKernel() || headless()) {
      console.log(line);
    } else {
      const now = Date.now();
      if (this.count === this.total || now - this.lastDraw >= this.throttleMs) this.draw(line);
    }
    return line;
  }

  /** Ends the progress (the output keeps its last line, marked done). */
  done(info: ProgressInfo = {}): string {
    this.finished = true;
    const elapsed = (Date.now() - this.started) / 1000;
    const line = [`${this.label} ${this.count}/${this.total}`, ...formatInfo(info), `${formatSeconds(elapsed)} elapsed`, 'done'].join(' · ');
    if (!inKernel() || headless()) console.log(line);
    else this.draw(line);
    return line;
  }

  /** `epoch 3/10 · seed 2 · loss 0.41 · 0.8 s elapsed · ~1.9 s left`. */
  private line(info: ProgressInfo): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const left = (elapsed / this.count) * (this.total - this.count);
    const parts = [`${this.label} ${this.count}/${this.total}`, ...formatInfo(info), `${formatSeconds(elapsed)} elapsed`];
    if (this.count < this.total) parts.push(`~${formatSeconds(left)} left`);
    return parts.join(' · ');
  }

  private draw(line: string, first = false): void {
    this.lastDraw = Date.now();
    const html = `<div class="reglab-progress" style="font:13px monospace;color:#333;margin:4px 0">` +
      `<progress max="${this.total}" value="${this.count}" style="width:12em;vertical-align:middle"></progress> ` +
      `${escapeHtml(line)}</div>`;
    sendBundle({ 'text/html': html, 'text/plain': line }, { displayId: this.displayId, update: !first });
  }
}

/** Creates a {@link Progress} for a loop of `total` steps. */
export function progress(options: ProgressOptions): Progress {
  return new Progress(options);
}
