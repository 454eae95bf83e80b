/**
 * The width a chart gets in a row of `n` slots `width` px wide: Widget.astro's rows and
 * view-kit's per-run cells are CSS grids of columns at least 17rem wide with 1rem gaps
 * (auto-fit), so this is that rule in px.
 */
const MIN_COLUMN = 272;
const GAP = 16;

export function slotWidths(width: number, n: number): { columns: number; slot: number } {
  const columns = Math.max(1, Math.min(n, Math.floor((width + GAP) / (MIN_COLUMN + GAP))));
  return { columns, slot: Math.floor((width - GAP * (columns - 1)) / columns) };
}
