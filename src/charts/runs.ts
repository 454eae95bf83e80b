/**
 * Named runs on one chart (a comparison: run A vs run B), told apart by more than
 * colour: a dash and a marker shape on lines, a fill pattern on bars. Colour keeps
 * meaning the series (layer, weights/biases); the run's look is the same on every chart.
 */
import type { LegendItem } from './frame.ts';
import { CSS } from './palette.ts';
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';
export type FillPattern = 'solid' | 'hatch' | 'dots';

export interface ChartRun {
  /** the run's name, e.g. 'a' (series and groups point at it with `run`) */
  key: string;
  /** legend text naming what differs, e.g. "A · Sigmoid · Xavier" */
  label: string;
  /** line dash (SVG dash array); default by position: solid, '6 3', '2 2' */
  dash?: string;
  /** line marker; default by position: circle, square, triangle */
  marker?: MarkerShape;
  /** bar fill; default by position: solid, hatch, dots */
  pattern?: FillPattern;
}

export interface RunStyle {
  dash: string;
  marker: MarkerShape;
  pattern: FillPattern;
}

const STYLES: readonly RunStyle[] = [
  { dash: '', marker: 'circle', pattern: 'solid' },
  { dash: '6 3', marker: 'square', pattern: 'hatch' },
  { dash: '2 2', marker: 'triangle', pattern: 'dots' },
  { dash: '8 3 2 3', marker: 'diamond', pattern: 'hatch' },
];

/** The look of run `i` of `runs` (its own settings over the defaults for its position). */
export function runStyle(runs: readonly ChartRun[] | undefined, key: string | undefined): RunStyle | undefined {
  const i = runs?.findIndex((r) => r.key === key) ?? -1;
  if (i < 0) return undefined;
  const r = runs![i]!;
  const d = STYLES[i % STYLES.length]!;
  return { dash: r.dash ?? d.dash, marker: r.marker ?? d.marker, pattern: r.pattern ?? d.pattern };
}

/** SVG path of a marker of `size` px centred at (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, size = 7): string {
  const h = size / 2;
  const f = (v: number) => Math.round(v * 10) / 10;
  switch (shape) {
    case 'circle':
      return `M${f(x - h)},${f(y)}a${h},${h} 0 1,0 ${size},0a${h},${h} 0 1,0 ${-size},0`;
    case 'square':
      return `M${f(x - h * 0.9)},${f(y - h * 0.9)}h${f(size * 0.9)}v${f(size * 0.9)}h${f(-size * 0.9)}Z`;
    case 'triangle':
      return `M${f(x)},${f(y - h * 1.1)}L${f(x + h)},${f(y + h * 0.8)}L${f(x - h)},${f(y + h * 0.8)}Z`;
    case 'diamond':
      return `M${f(x)},${f(y - h * 1.15)}L${f(x + h)},${f(y)}L${f(x)},${f(y + h * 1.15)}L${f(x - h)},${f(y)}Z`;
  }
}

/**
 * An SVG <pattern> (user space) filling with `color` as `pattern` shows it: `solid` a plain
 * fill, `hatch` diagonal stripes over a pale tint, `dots` a dot grid over a pale tint.
 * Returns the fill to use (`url(#id)`, or the colour itself for solid).
 */
export function patternFill(defs: SVGDefsElement, id: string, color: string, pattern: FillPattern): string {
  if (pattern === 'solid') return color;
  const doc = defs.ownerDocument;
  const ns = defs.namespaceURI;
  let p = defs.querySelector<SVGPatternElement>(`pattern[id="${id}"]`);
  if (!p) {
    p = doc.createElementNS(ns, 'pattern') as SVGPatternElement;
    p.id = id;
    p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '6');
    p.setAttribute('height', '6');
    if (pattern === 'hatch') p.setAttribute('patternTransform', 'rotate(45)');
    p.setAttribute('data-pattern', pattern);
    const tint = doc.createElementNS(ns, 'rect');
    tint.setAttribute('width', '6');
    tint.setAttribute('height', '6');
    tint.setAttribute('opacity', '0.25');
    const mark = doc.createElementNS(ns, pattern === 'hatch' ? 'rect' : 'circle');
    if (pattern === 'hatch') {
      mark.setAttribute('width', '2.5');
      mark.setAttribute('height', '6');
    } else {
      mark.setAttribute('cx', '3');
      mark.setAttribute('cy', '3');
      mark.setAttribute('r', '1.5');
    }
    p.append(tint, mark);
    defs.append(p);
  }
  for (const el of p.children) (el as SVGElement).style.fill = color;
  return `url(#${id})`;
}

/**
 * Colour positions when series belong to runs: one per distinct label (first seen first),
 * so "Layer 3" of run A and of run B share a colour; without runs, one per series.
 */
export function colorIndices(labels: readonly string[], byLabel: boolean): number[] {
  if (!byLabel) return labels.map((_, i) => i);
  const seen = new Map<string, number>();
  return labels.map((l) => {
    if (!seen.has(l)) seen.set(l, seen.size);
    return seen.get(l)!;
  });
}

/**
 * The legend of a chart with runs: each series label once, in its colour (plain swatch), then
 * each run once, in the text colour, with its dash and marker (`line`) or its fill pattern (`box`).
 */
export function runLegend(entries: readonly { label: string; color: string }[], runs: readonly ChartRun[], swatch: 'line' | 'box'): LegendItem[] {
  const items: LegendItem[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.label)) continue;
    seen.add(e.label);
    items.push({ key: `label:${e.label}`, label: e.label, swatch: swatch === 'line' ? { kind: 'line', color: e.color } : { kind: 'box', color: e.color } });
  }
  for (const r of runs) {
    const st = runStyle(runs, r.key)!;
    items.push({
      key: `run:${r.key}`,
      label: r.label,
      swatch: swatch === 'line' ? { kind: 'line', color: CSS.fg, dash: st.dash, marker: st.marker } : { kind: 'box', color: CSS.fg, pattern: st.pattern },
    });
  }
  return items;
}
