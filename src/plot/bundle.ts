// Which plotly.js build a page needs. The figures reglab draws use scatter, bar, heatmap and
// contour traces only, all in plotly's official "cartesian" partial bundle
// (plotly.js-cartesian-dist-min: 1.36 MB minified, 0.45 MB gzip-compressed, against 10.8 MB /
// 3.2 MB for the full plotly.js-dist). A figure with any other trace type (scatter3d, surface,
// scattergeo, …, from a hand-made figure) gets the full bundle.
import type { Figure } from './figure';

export type PlotlyBundle = 'cartesian' | 'full';

/** The trace types plotly.js-cartesian-dist-min 2.35 registers. */
export const CARTESIAN_TRACES: readonly string[] = [
  'bar', 'box', 'contour', 'heatmap', 'histogram', 'histogram2d', 'histogram2dcontour', 'image', 'pie',
  'scatter', 'scatterternary', 'violin',
];

/** 'cartesian' when every trace of every figure is drawn by the partial bundle, else 'full'. */
export function bundleFor(...figures: Figure[]): PlotlyBundle {
  for (const figure of figures) {
    for (const trace of figure.data ?? []) {
      const type = typeof trace.type === 'string' ? trace.type : 'scatter';
      if (!CARTESIAN_TRACES.includes(type)) return 'full';
    }
  }
  return 'cartesian';
}

/** The larger of two bundles ('full' draws everything 'cartesian' does). */
export function largerBundle(a: PlotlyBundle | undefined, b: PlotlyBundle): PlotlyBundle {
  return a === 'full' || b === 'full' ? 'full' : 'cartesian';
}

/** Absolute path of the installed plotly.js build. */
export function plotlyBundlePath(bundle: PlotlyBundle): string {
  return bundle === 'full'
    ? require.resolve('plotly.js-dist/plotly.js')
    : require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js');
}

/** The installed version of that build. */
export function plotlyBundleVersion(bundle: PlotlyBundle): string {
  const pkg = bundle === 'full' ? 'plotly.js-dist/package.json' : 'plotly.js-cartesian-dist-min/package.json';
  return (require(pkg) as { version: string }).version;
}
