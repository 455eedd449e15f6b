// One colour per run name for the whole kernel session, so "weight decay" is the same colour in
// the learning curves, the weight histogram and the bar chart of final losses.
import { checker } from '../args';

/** Plotly's default qualitative palette (D3 category10). */
export const PALETTE: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

const assigned = new Map<string, string>();

/**
 * The colour of a run name: the next palette colour the first time a name is seen, the same
 * colour afterwards (wrapping after 10 names).
 *
 * ```ts
 * rl.plot.colorFor('L2');   // '#1f77b4' on first use, and on every later call
 * ```
 */
export function colorFor(name: string): string {
  const known = assigned.get(name);
  if (known !== undefined) return known;
  const color = PALETTE[assigned.size % PALETTE.length];
  assigned.set(name, color);
  return color;
}

/** Pins colours for names (any CSS colour), e.g. `setColors({ baseline: '#444' })`. */
export function setColors(colors: Record<string, string>): void {
  const check = checker('rl.plot.setColors');
  check.object('colors', colors, 'a record name → CSS colour');
  for (const [name, color] of Object.entries(colors)) {
    check.string(`colors.${name}`, color);
    if (color.trim() === '') throw check.error(`colors.${name}`, 'a CSS colour string', color);
    assigned.set(name, color);
  }
}

/** Forgets every assigned colour (the next name gets the first palette colour again). */
export function resetColors(): void {
  assigned.clear();
}
