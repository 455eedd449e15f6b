import { describe, finiteArray, nonEmptyArray, type Figure, type Layout, type Trace } from './figure';

export interface ImageGridOptions {
  /** Image width in pixels (required). */
  width: number;
  /** Image height in pixels (required). */
  height: number;
  /** Images per row. Default: min(8, number of images). */
  cols?: number;
  /** One caption per image. Default: none. */
  titles?: string[];
  /** Figure title. Default: none. */
  title?: string;
  /** Plotly colour scale. Default: 'Greys' (reversed, so 0 is white and the maximum black). */
  colorscale?: string;
  /** Size of one cell on screen, in CSS pixels. Default: 96. */
  cellSize?: number;
}

/**
 * A grid of grey-scale images (e.g. digits, or augmented copies of one image). Each image is a
 * flattened row-major array of `width × height` values.
 *
 * ```ts
 * const digits = await rl.data.load('digits');
 * rl.plot.show(rl.plot.imageGrid(digits.X.slice(0, 16), { width: 8, height: 8, titles: digits.y.slice(0, 16).map(String) }));
 * ```
 */
export function imageGrid(images: number[][], options: ImageGridOptions): Figure {
  nonEmptyArray('images', images);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`\`options\` must be { width, height, … }; received ${describe(options)}`);
  }
  const { width, height } = options;
  for (const [k, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`\`options.${k}\` must be an integer ≥ 1; received ${describe(v)}`);
  }
  const n = images.length;
  const cols = options.cols ?? Math.min(8, n);
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`\`options.cols\` must be an integer ≥ 1; received ${describe(cols)}`);
  if (options.titles !== undefined && (!Array.isArray(options.titles) || options.titles.length !== n)) {
    throw new RangeError(`\`options.titles\` must have one title per image (${n}); received ${describe(options.titles)}`);
  }
  const rows = Math.ceil(n / cols);
  const cell = options.cellSize ?? 96;
  const gap = options.titles ? 22 : 6;
  const layout: Layout = {
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    font: { family: 'Helvetica, Arial, sans-serif', size: 12, color: '#222' },
    showlegend: false,
    margin: { l: 8, r: 8, t: (options.title ? 48 : 8) + gap, b: 8 },
    width: cols * (cell + 6) + 16,
    height: rows * (cell + gap) + (options.title ? 48 : 8) + 8,
    grid: { rows, columns: cols, pattern: 'independent', xgap: 0.06, ygap: options.titles ? 0.2 : 0.06 },
    annotations: [] as Record<string, unknown>[],
  };
  if (options.title) layout.title = { text: options.title, x: 0.02, xanchor: 'left' };
  const data: Trace[] = images.map((img, i) => {
    const pixels = finiteArray(`images[${i}]`, img);
    if (pixels.length !== width * height) {
      throw new RangeError(`\`images[${i}]\` must have width × height = ${width * height} values; received ${pixels.length}`);
    }
    const suffix = i === 0 ? '' : String(i + 1);
    layout[`xaxis${suffix}`] = { visible: false, constrain: 'domain' };
    layout[`yaxis${suffix}`] = { visible: false, autorange: 'reversed', scaleanchor: `x${suffix}`, constrain: 'domain' };
    if (options.titles) {
      (layout.annotations as Record<string, unknown>[]).push({
        text: String(options.titles[i]), showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`,
        x: 0.5, y: 1, yanchor: 'bottom', font: { size: 12 },
      });
    }
    return {
      type: 'heatmap',
      z: Array.from({ length: height }, (_, r) => pixels.slice(r * width, (r + 1) * width)),
      colorscale: options.colorscale ?? 'Greys',
      reversescale: options.colorscale === undefined,
      showscale: false,
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      hovertemplate: `${options.titles ? String(options.titles[i]) : `image ${i}`}<br>(%{x}, %{y}): %{z}<extra></extra>`,
    };
  });
  return { data, layout };
}
