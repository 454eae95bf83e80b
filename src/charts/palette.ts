/**
 * Colours for the charts.
 *
 * Every colour a chart paints with is a CSS custom property with a fallback, so
 * the site's dark mode (which redefines the variables on
 * `:root[data-theme=dark]`) applies without re-rendering anything:
 *
 *   --gc-s1 … --gc-s8   categorical series colours (Okabe–Ito order below)
 *   --gc-fg             text, axes, marks
 *   --gc-muted          secondary text, reference lines
 *   --gc-grid           gridlines
 *   --gc-bg             chart background (legend swatch outlines, label halos)
 *
 * The sequential map for heatmaps (cividis) is fixed, not themed: it is
 * designed to read the same for colour-vision-deficient readers and has no
 * grey-free end that would collide with the page background in either theme.
 */

/** Okabe & Ito (2008) colour-blind-safe categorical palette. */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#F0E442', // yellow (weak on white: the light theme may redefine --gc-s7)
  '#999999', // grey (Okabe–Ito's black would vanish in dark mode)
] as const;

export const PALETTE_SIZE = OKABE_ITO.length;

/** Dash patterns used once the eight colours are exhausted (series 9–16, 17–24, …). */
export const DASHES = ['', '6 3', '2 2', '8 3 2 3'] as const;

export const CSS = {
  fg: 'var(--gc-fg, currentColor)',
  muted: 'var(--gc-muted, #6b6b6b)',
  grid: 'var(--gc-grid, rgba(127, 127, 127, 0.25))',
  bg: 'var(--gc-bg, transparent)',
} as const;

/** `var(--gc-sN, #hex)` for series index `i` (0-based); cycles after eight. */
export function seriesColor(i: number): string {
  const k = ((Math.floor(i) % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE;
  return `var(--gc-s${k + 1}, ${OKABE_ITO[k]})`;
}

/** Dash pattern for series index `i`: solid for the first eight, then patterned. */
export function seriesDash(i: number): string {
  const k = Math.floor(Math.max(0, i) / PALETTE_SIZE) % DASHES.length;
  return DASHES[k];
}

/**
 * Cividis (Nuñez, Anderton & Renslow 2018, PLOS ONE 13(7): e0199239), a
 * colour-vision-deficiency-optimised sequential map, as the degree-5
 * polynomial fit published in d3-scale-chromatic (ISC licence).
 * Returns [r, g, b] in 0…255 for t in [0, 1] (clamped).
 */
export function cividisRgb(t: number): [number, number, number] {
  const u = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return [
    c(-4.54 - u * (35.34 - u * (2381.73 - u * (6402.7 - u * (7024.72 - u * 2710.57))))),
    c(32.49 + u * (170.73 + u * (52.82 - u * (131.46 - u * (176.58 - u * 67.37))))),
    c(81.24 + u * (442.36 - u * (2482.43 - u * (6167.24 - u * (6614.94 - u * 2475.67))))),
  ];
}
