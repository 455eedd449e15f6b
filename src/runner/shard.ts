// `--shard i/n`: one CI job of n runs every n-th notebook run, so a CI matrix splits the suite.
// Deterministic: runs are ordered by notebook path (then seed) and run k (0-based) belongs to shard
// (k mod n) + 1, so the n shards of one selection run every notebook exactly once between them.
import { resolve } from 'node:path';
import { UsageError } from './usage-error';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n integers); a UsageError names the value received. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with integers 1 ≤ i ≤ n (e.g. 2/4); received ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The runs of this shard, in their original order. */
export function shardRuns<T extends { path: string; seed?: number }>(runs: T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return runs;
  const order = runs
    .map((run, i) => ({ run, i, key: resolve(run.path) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.run.seed ?? 0) - (b.run.seed ?? 0)));
  const mine = new Set(order.filter((_, k) => k % shard.count === shard.index - 1).map((o) => o.i));
  return runs.filter((_, i) => mine.has(i));
}
