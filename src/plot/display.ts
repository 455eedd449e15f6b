// The one place that talks to the Jupyter front end.
//
// tslab's public API (`require('tslab').display`) sends one mimetype per output, but a figure must
// go out as ONE display_data bundle (plotly JSON + HTML + text + static image) so each front end
// picks the richest type it can render. tslab's kernel keeps the sender of the cell being executed
// in `lastWriteDisplayData` of its `dist/jupyter.js` module — the function its own public API
// calls with `{ data: { [mime]: value }, metadata, transient: { display_id } }`. We call that
// function with a full bundle. It is found in `require.cache` (rather than by `require('tslab')`)
// so that it is the running kernel's copy even when reglab resolves a different tslab install.
// Outside a kernel (plain Node, tests) the text/plain part is printed instead.
import * as config from '../config';
import { env } from '../env';
import { randomBytes } from 'node:crypto';

/** A MIME bundle: mimetype → content (strings; JSON mimetypes may be objects). */
export type MimeBundle = Record<string, unknown>;

/** What the kernel's sender receives (the content of a display_data message). */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** `update` = true sends update_display_data (replaces every output with that display_id). */
export type DisplaySender = (content: DisplayContent, update: boolean) => void;

let override: DisplaySender | undefined;

/** Replaces the sender (tests); `undefined` restores the automatic choice. */
export function setDisplaySender(sender: DisplaySender | undefined): void {
  override = sender;
}

/** The kernel's display sender for the cell now running, if this process is a tslab kernel. */
export function kernelSender(): DisplaySender | undefined {
  if (override) return override;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const sender = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof sender === 'function') return sender as DisplaySender;
  }
  return undefined;
}

/** True when running inside a Jupyter kernel (or with a test sender). */
export function inKernel(): boolean {
  return kernelSender() !== undefined;
}

export interface SendOptions {
  /** Display id: later `update: true` sends with the same id replace this output in place. */
  displayId?: string;
  /** Send update_display_data instead of display_data. Default: false. */
  update?: boolean;
  /** Per-mimetype metadata, e.g. `{ 'image/png': { width: 720 } }`. */
  metadata?: Record<string, unknown>;
}

/**
 * Sends one display_data (or update_display_data) bundle. Outside a kernel, prints the
 * text/plain part (updates print too, so a plain Node script shows progress lines).
 */
export function sendBundle(data: MimeBundle, options: SendOptions = {}): void {
  const sender = kernelSender();
  if (!sender) {
    const text = data['text/plain'];
    if (typeof text === 'string') console.log(text);
    return;
  }
  const transient = options.displayId ? { display_id: options.displayId } : {};
  sender({ data, metadata: options.metadata ?? {}, transient }, options.update === true);
}

/** A fresh display id (hex). */
export function newDisplayId(): string {
  // crypto, not Math.random: a notebook's seeded random stream must not depend on its displays.
  return `reglab-${randomBytes(8).toString('hex')}`;
}

/** True in the headless runner, smoke runs and CI: progress is sent as compact text only. */
export function headless(): boolean {
  return env.headless() === true || config.smoke || env.ci();
}
