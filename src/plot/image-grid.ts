import { finiteArray, nonEmptyArray, type Figure, type Layout, type Trace } from './figure';
import { described, checker } from '../args';

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
  const check = checker('rl.plot.imageGrid');
  nonEmptyArray(check, 'images', images);
  check.object('options', options, 'an options object { width, height, … }');
  check.options(options, ['width', 'height', 'cols', 'titles', 'title', 'colorscale', 'cellSize']);
  // Pixel counts per image: 4096 × 4096 is far beyond any figure.
  const width = check.integer('width', options.width, 1, undefined, 4096);
  const height = check.integer('height', options.height, 1, undefined, 4096);
  const n = images.length;
  if (n > 1000) throw check.error('images', 'an array of at most 1000 images', described(`${n} images`));
  const cols = check.integer('cols', options.cols, 1, Math.min(8, n), 1000);
  if (options.titles !== undefined && !Array.isArray(options.titles)) throw check.error('titles', `an array of ${n} titles`, options.titles, 'type');
  if (options.titles !== undefined && options.titles.length !== n) throw check.error('titles', `an array of ${n} titles (one per image)`, options.titles);
  if (options.title !== undefined) check.string('title', options.title, undefined, true);
  const rows = Math.ceil(n / cols);
  const cell = check.integer('cellSize', options.cellSize, 8, 96, 2000);
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
    const pixels = finiteArray(check, `images[${i}]`, img);
    if (pixels.length !== width * height) {
      throw check.error(`images[${i}]`, `an array of width × height = ${width * height} values`, described(`${pixels.length} values`));
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
