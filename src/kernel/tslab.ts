// tslab's TypeScript compiler and executor, which this kernel keeps (only tslab's Jupyter side —
// its jupyter.js/main.js — is replaced). Loaded with `require` and typed here by the few members
// used, so reglab's declarations never depend on tslab's (or its TypeScript fork's) types.
import { dirname } from 'node:path';

export interface CompletionInfo {
  start: number;
  end: number;
  candidates: string[];
}

/** What tslab's executor reports through the console object it is given. */
export interface ExecutorConsole {
  /** Called with the value of the cell's last expression (only when it is not null/undefined). */
  log(value: unknown): void;
  /** Called with ("%s%d:%d - %s", file, line, column, text) per diagnostic, or with a thrown value. */
  error(first: unknown, ...rest: unknown[]): void;
}

export interface Executor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): unknown;
  complete(src: string, position: number): CompletionInfo;
  /** Rejects the promise an awaiting cell is raced against ("Interrupted asynchronously"). */
  interrupt(): void;
  close(): void;
}

interface Converter {
  close(): void;
}

export interface TsModule {
  version: string;
  createSourceFile(name: string, text: string, target: number, setParents?: boolean, kind?: number): {
    parseDiagnostics?: Array<{ start?: number; length?: number; code: number; messageText: unknown }>;
  };
  ScriptTarget: { Latest: number };
  ScriptKind: { TS: number; TSX: number };
}

/** The content tslab's public display API (`tslab.display`, `newDisplay()`) sends. */
export interface DisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}
export type DisplayWriter = (content: DisplayContent, update: boolean) => void;

const tslabDir = dirname(require.resolve('tslab/package.json'));
const fromTslab = (id: string): string => require.resolve(id, { paths: [tslabDir] });

/** tslab's version (from its package.json). */
export function tslabVersion(): string {
  return (require('tslab/package.json') as { version: string }).version;
}

/** The TypeScript build tslab compiles with. */
export function typescript(): TsModule {
  return require(fromTslab('@tslab/typescript-for-tslab')) as TsModule;
}

/** tslab's own completeness check (it answers "incomplete" for code cut off at its end). */
export function tslabIsComplete(code: string): { completed: boolean; indent?: string } {
  const converter = require('tslab/dist/converter') as {
    isCompleteCode(code: string): { completed: boolean; indent?: string };
  };
  return converter.isCompleteCode(code);
}

/** tslab's formatting of TypeScript quick info (hover text). */
export function printQuickInfo(info: unknown): string {
  return (require('tslab/dist/inspect') as { printQuickInfo(i: unknown): string }).printQuickInfo(info);
}

/**
 * tslab's executor for TypeScript cells run in this process, resolving imports from `rootDir`
 * (the notebook's folder). Converters are created lazily, as tslab's main.js does.
 */
export function createExecutor(rootDir: string, console: ExecutorConsole): Executor {
  const { createConverter } = require('tslab/dist/converter') as {
    createConverter(o: { isJS: boolean; isBrowser: boolean }): Converter;
  };
  const { createExecutor: create } = require('tslab/dist/executor') as {
    createExecutor(root: string, convs: unknown, c: ExecutorConsole): Executor;
  };
  let node: Converter | undefined;
  let browser: Converter | undefined;
  const convs = {
    get node() {
      return (node ??= createConverter({ isJS: false, isBrowser: false }));
    },
    get browser() {
      return (browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
  void convs.node; // warm the compiler before the first cell, as tslab does
  return create(rootDir, convs, console);
}

/**
 * Installs the writer behind tslab's public display API. `tslab.display.html(…)` (and reglab's
 * plots, which look for this module in require.cache) call `lastWriteDisplayData` of tslab's
 * jupyter.js module — the same module instance the executor's `require('tslab')` hook returns.
 */
export function setDisplayWriter(writer: DisplayWriter): void {
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: DisplayWriter | null };
  jupyter.lastWriteDisplayData = writer;
}
