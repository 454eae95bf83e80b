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
export {
  createHistogram,
  createHistogramGrid,
  type Bins,
  type Histogram,
  type HistogramGrid,
  type HistogramGridOptions,
  type HistogramOptions,
  type HistogramOverlay,
  type HistogramPanel,
  type HistogramTableLabels,
} from './histogram.ts';
export { createFunctionPlot, type FunctionPlot, type FunctionPlotOptions, type PlotFunction } from './function-plot.ts';
export { createDataTable, type TableLabels, type TableInfo, type CaptionText, type DataTable } from './data-table.ts';
export type { MarkLabels } from './frame.ts';
export { formatNumber, formatTick, formatPow10, formatLogTick, type Locale } from './format.ts';
export { OKABE_ITO, seriesColor, seriesDash, sequentialColor, cividisRgb, CSS as CHART_CSS_VARS } from './palette.ts';
