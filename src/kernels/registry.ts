// The one install/restore path for reglab's wasm kernels. Every kernel is an entry of the table
// in index.ts; installing replaces the stock kernel of that name (keeping its setupFunc, which
// binds the C++ entry points) or adds it when wasm has none; restoring puts the stock one back or
// removes ours. Optional hooks wire up what the registry alone cannot (the Adam optimizer).
import * as tf from '@tensorflow/tfjs';
import { ourKernelFuncs, rememberStock, stockConfig } from './wasm-heap';

const BACKEND = 'wasm';

/**
 * 'speed': a faster kernel agreeing with stock to float32 rounding (REGLAB_WASM_KERNELS=stock
 * leaves it stock); 'fix': stock is wrong in some cases, ours is right (always installed);
 * 'add': a kernel tfjs-backend-wasm 4.22 lacks (always added; a later wasm's own is kept).
 */
export type KernelKind = 'speed' | 'fix' | 'add';

export interface KernelEntry {
  /** The kernel name in tfjs's registry. */
  name: string;
  kind: KernelKind;
  kernelFunc: tf.KernelFunc;
  /** Wiring beyond the registry, attached after install and detached on restore. */
  hooks?: { attach(): void; detach(): void };
}

const active = new Set<string>();

/** True when tfjs-backend-wasm is loaded (its kernels are registered). */
export function wasmLoaded(): boolean {
  return tf.getKernel('Add', BACKEND) !== undefined;
}

/**
 * Installs `entry` for wasm (idempotent). @returns true when ours is the registered kernel; false
 * when wasm is not loaded, or (kind 'add') when tfjs-backend-wasm brings its own.
 */
export function installKernel(entry: KernelEntry): boolean {
  if (!wasmLoaded()) return false;
  ourKernelFuncs.add(entry.kernelFunc);
  const current = tf.getKernel(entry.name, BACKEND);
  if (current?.kernelFunc !== entry.kernelFunc) {
    if (current !== undefined && entry.kind === 'add') return false; // upstream has it now: keep theirs
    if (current !== undefined) {
      rememberStock(current);
      tf.unregisterKernel(entry.name, BACKEND);
    }
    const base = current ?? { kernelName: entry.name, backendName: BACKEND };
    tf.registerKernel({ ...base, kernelFunc: entry.kernelFunc });
  }
  if (!active.has(entry.name)) entry.hooks?.attach();
  active.add(entry.name);
  return true;
}

/** Puts the stock kernel back, or removes ours when stock has none. @returns whether it did. */
export function restoreKernel(entry: KernelEntry): boolean {
  const current = tf.getKernel(entry.name, BACKEND);
  const ours = current?.kernelFunc === entry.kernelFunc;
  if (ours) {
    tf.unregisterKernel(entry.name, BACKEND);
    const stock = stockConfig(entry.name);
    if (stock !== undefined) tf.registerKernel(stock);
  }
  const wasActive = active.delete(entry.name);
  if (wasActive) entry.hooks?.detach();
  return ours || wasActive;
}

/** Names of reglab's kernels currently installed. */
export function activeKernelNames(): string[] {
  return [...active];
}
