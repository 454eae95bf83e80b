/**
 * Gradient Clinic charts: small d3 chart functions, each `create…(container,
 * options)` returning `{ element, update(…), destroy() }`, each with its data
 * table (`<details class="chart-data"><table data-series="…">`).
 * Safe to import in SSR/Node: no DOM access until a chart is created.
 * Styles: import './charts.css' (or `src/charts/charts.css`) where charts are used.
 */
export { createLineChart, type LineChart, type LineChartOptions, type LineSeries, type StepPoint, type RefLine, type VLine } from './line.ts';
export { createLogBarChart, type LogBarChart, type LogBarOptions, type LogBarData, type BarGroup } from './log-bars.ts';
export { createHeatmap, type Heatmap, type HeatmapOptions, type HeatmapRow } from './heatmap.ts';
export { createSharedLogDomain, type SharedLogDomain } from './cell-grid.ts';
export {
  createHistogramGrid,
  type Bins,
  type HistogramGrid,
  type HistogramGridOptions,
  type HistogramOverlay,
  type HistogramPanel,
  type HistogramTableLabels,
  type PanelBins,
} from './histogram.ts';
export { createFunctionPlot, type FunctionPlot, type FunctionPlotOptions, type PlotFunction } from './function-plot.ts';
export type { ChartRun, MarkerShape, FillPattern } from './runs.ts';
export type { TableLabels } from './data-table.ts';
export type { MarkLabels } from './frame.ts';
export { formatNumber, type Locale } from './format.ts';
export { throttled } from './throttle.ts';
