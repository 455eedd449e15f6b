// The plotly.js build the site copies to assets/plotly.js: the partial bundle when it draws every
// figure of every page, else the full one (src/plot/bundle.ts).
import { bundleFor, plotlyBundlePath as pathOf, type PlotlyBundle } from '../../src/plot/bundle';
import type { Figure } from '../../src/plot/figure';

export function siteBundle(figures: Figure[]): PlotlyBundle {
  return bundleFor(...figures);
}

export function plotlyBundlePath(bundle: PlotlyBundle = 'cartesian'): string {
  return pathOf(bundle);
}
