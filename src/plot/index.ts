// The `plot` namespace of reglab: plotly figure builders, `show` (one MIME bundle per figure,
// offline plotly.js, static PNG via headless Chromium), tables and live training curves.
export type { Figure, Trace, Layout, CommonOptions } from './figure';
export { colorFor, setColors, resetColors, PALETTE } from './colors';
export { learningCurves, type Run, type LearningCurvesOptions } from './learning-curves';
export { regularizationPath, type RegularizationPathOptions } from './regularization-path';
export { weightHistogram, type WeightHistogramOptions } from './weight-histogram';
export { decisionBoundary, type DecisionBoundaryOptions } from './decision-boundary';
export { imageGrid, type ImageGridOptions } from './image-grid';
export { compareBars, type CompareBarsOptions } from './compare-bars';
export { heatmap, type HeatmapOptions } from './heatmap';
export { lineChart, scatter, type Series, type LineChartOptions } from './line-chart';
export { show, init, figureBundle, warmUpInKernel as warmUp, type ShowOptions } from './show';
export { table, type TableOptions, type FrameLike } from './table';
export { liveCurves, LiveCurves, type LiveCurvesOptions } from './live-curves';
export { progress, Progress, type ProgressOptions, type ProgressInfo } from './progress';
export { staticImagesAvailable } from './static-image';
// Nothing starts at import: the static-image renderer starts at the first figure, or earlier with
// `rl.plot.warmUp()` in a setup cell.
