/**
 * Which chart slots each widget has, row by row. The widget's view (`<id>.client.ts`)
 * fills the slots by name; the markup exists before any JavaScript, so the page
 * does not jump when the charts arrive.
 */
export const widgetLayouts: Record<string, readonly (readonly string[])[]> = {
  'gradient-flow': [['bars'], ['heatmap', 'loss']],
  saturation: [['activation', 'bars'], ['histograms']],
  explosion: [['lines'], ['bars', 'loss']],
};
