/**
 * Internal scaffolding shared by the charts: the <figure>, its caption, an
 * HTML legend (wraps instead of overlapping), the plot area with its <svg>,
 * the data table, and resize handling. Nothing here touches a DOM global at
 * import time; everything goes through the container's ownerDocument.
 */
import { select, type Selection } from 'd3-selection';
import { createDataTable, type DataTable, type TableLabels } from './data-table.ts';
import { markerPath, patternFill, type FillPattern, type MarkerShape } from './runs.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

let uid = 0;
/** A document-unique id prefix for one chart instance. */
export function nextId(kind: string): string {
  uid += 1;
  return `gc-${kind}-${uid}`;
}

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;

export interface LegendItem {
  key: string;
  label: string;
  /** swatch: a line (stroke, dash), a filled box, a text glyph, or a ready-made node */
  swatch:
    | { kind: 'line'; color: string; dash?: string; width?: number; marker?: MarkerShape }
    | { kind: 'box'; color: string; pattern?: FillPattern }
    | { kind: 'glyph'; text: string; color?: string }
    | { kind: 'node'; node: Element };
  hidden?: boolean;
}

export interface ChartFrame {
  readonly id: string;
  readonly doc: Document;
  readonly figure: HTMLElement;
  readonly legend: HTMLUListElement;
  readonly plot: HTMLDivElement;
  readonly svg: Svg;
  readonly table: DataTable;
  /** current content width of the container in px (≥ 1) */
  width(): number;
  setLegend(items: LegendItem[]): void;
  /** show/hide one legend item without rebuilding the list */
  toggleLegendItem(key: string, visible: boolean): void;
  destroy(): void;
}

export interface ChartFrameOptions {
  kind: string;
  title: string;
  name: string;
  table: TableLabels;
  /** called (at most once per animation frame) when the container width changes */
  onResize: () => void;
  /** no svg in the plot area (small multiples bring their own) */
  noSvg?: boolean;
  /** `data-run` of the table: it holds this one run's numbers */
  run?: string;
}

const FALLBACK_WIDTH = 640;

export function createChartFrame(container: HTMLElement, o: ChartFrameOptions): ChartFrame {
  const doc = container.ownerDocument;
  // Read the width before touching the DOM: read after, it forces a layout of the page.
  let lastWidth = Math.floor(container.clientWidth || 0);
  const id = nextId(o.kind);
  const figure = doc.createElement('figure');
  figure.className = `gc-chart gc-${o.kind}`;
  figure.id = id;
  const caption = doc.createElement('figcaption');
  caption.className = 'gc-title';
  caption.id = `${id}-title`;
  caption.textContent = o.title;
  const legend = doc.createElement('ul');
  legend.className = 'gc-legend';
  legend.hidden = true;
  const plot = doc.createElement('div');
  plot.className = 'gc-plot';
  figure.append(caption, legend, plot);
  container.append(figure);

  const svg = select(plot)
    .append('svg')
    .attr('class', 'gc-svg')
    .attr('role', 'img')
    .attr('aria-labelledby', caption.id) as Svg;
  if (o.noSvg) svg.remove();

  const table = createDataTable(figure, o.name, o.table, o.run);

  if (lastWidth <= 0) lastWidth = Math.floor(plot.clientWidth || 0) || FALLBACK_WIDTH;

  const win = doc.defaultView;
  let raf = 0;
  let ro: ResizeObserver | null = null;
  const RO = win && 'ResizeObserver' in win ? win.ResizeObserver : undefined;
  if (RO) {
    // The observer's entry has the new width: reading clientWidth here instead would force a
    // layout in the middle of whatever the page is drawing (it fires on height changes too).
    ro = new RO((entries) => {
      const w = Math.floor(entries[entries.length - 1]?.contentRect.width ?? 0);
      if (w <= 0 || w === lastWidth) return;
      lastWidth = w;
      if (raf || !win) return;
      raf = win.requestAnimationFrame(() => {
        raf = 0;
        o.onResize();
      });
    });
    ro.observe(container);
  }

  const legendNodes = new Map<string, HTMLLIElement>();

  function swatchNode(item: LegendItem): Element {
    const s = item.swatch;
    if (s.kind === 'node') return s.node;
    if (s.kind === 'glyph') {
      const span = doc.createElement('span');
      span.className = 'gc-swatch gc-swatch-glyph';
      span.textContent = s.text;
      if (s.color) span.style.color = s.color;
      span.setAttribute('aria-hidden', 'true');
      return span;
    }
    const sv = swatchSvg(doc);
    if (s.kind === 'line') {
      const l = doc.createElementNS(SVG_NS, 'line');
      l.setAttribute('x1', '1');
      l.setAttribute('x2', '21');
      l.setAttribute('y1', '6');
      l.setAttribute('y2', '6');
      l.style.stroke = s.color;
      l.style.strokeWidth = String(s.width ?? 2.5);
      if (s.dash) l.style.strokeDasharray = s.dash;
      sv.append(l);
      if (s.marker) {
        const m = doc.createElementNS(SVG_NS, 'path');
        m.setAttribute('d', markerPath(s.marker, 11, 6));
        m.setAttribute('data-marker', s.marker);
        m.style.fill = s.color;
        sv.append(m);
      }
    } else {
      const r = doc.createElementNS(SVG_NS, 'rect');
      r.setAttribute('x', '5');
      r.setAttribute('y', '1');
      r.setAttribute('width', '12');
      r.setAttribute('height', '10');
      if (s.pattern && s.pattern !== 'solid') {
        const defs = doc.createElementNS(SVG_NS, 'defs');
        sv.prepend(defs);
        r.style.fill = patternFill(defs, `${id}-swatch-${item.key.replace(/[^\w-]/g, '_')}`, s.color, s.pattern);
        r.setAttribute('class', 'gc-swatch-outline');
        r.style.stroke = s.color;
        r.setAttribute('data-pattern', s.pattern);
      } else r.style.fill = s.color;
      sv.append(r);
    }
    return sv;
  }

  return {
    id,
    doc,
    figure,
    legend,
    plot,
    svg,
    table,
    width: () => lastWidth,
    setLegend(items) {
      legendNodes.clear();
      legend.replaceChildren(
        ...items.map((item) => {
          const li = doc.createElement('li');
          li.dataset.key = item.key;
          const label = doc.createElement('span');
          label.textContent = item.label;
          li.append(swatchNode(item), label);
          li.hidden = !!item.hidden;
          legendNodes.set(item.key, li);
          return li;
        }),
      );
      legend.hidden = items.length === 0;
    },
    toggleLegendItem(key, visible) {
      const li = legendNodes.get(key);
      if (li && li.hidden === visible) li.hidden = !visible;
    },
    destroy() {
      ro?.disconnect();
      if (raf && win) win.cancelAnimationFrame(raf);
      figure.remove();
    },
  };
}

/** An empty legend swatch <svg class="gc-swatch"> (22 × 12, aria-hidden) to draw into. */
export function swatchSvg(doc: Document): SVGSVGElement {
  const sv = doc.createElementNS(SVG_NS, 'svg');
  sv.setAttribute('class', 'gc-swatch');
  sv.setAttribute('width', '22');
  sv.setAttribute('height', '12');
  sv.setAttribute('aria-hidden', 'true');
  return sv;
}

/** Set `el`'s text only when it differs (a text write is a DOM mutation even when equal). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Set (or with null remove) an attribute only when it differs: an equal write still dirties the svg. */
export function setAttr(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** d3-axis hard-codes font attributes on its group; drop them so charts.css rules. */
export function stripAxisFont(g: G): void {
  g.attr('font-size', null).attr('font-family', null);
}

/** Run `draw` only when `key` differs from the last key stored on `g`. */
export function onKeyChange(g: G, key: string, draw: () => void): void {
  const node = g.node() as (SVGGElement & { __gcKey?: string }) | null;
  if (!node || node.__gcKey === key) return;
  node.__gcKey = key;
  draw();
}

/** Append (once) and return a child <g class=cls>. */
export function layer(parent: Svg | G, cls: string): G {
  const sel = cls.trim().split(/\s+/).join('.');
  const existing = parent.select<SVGGElement>(`:scope > g.${sel}`);
  if (!existing.empty()) return existing as unknown as G;
  return parent.append('g').attr('class', cls) as unknown as G;
}

/** Non-finite / non-positive marks: ▲ at the top edge (NaN, +∞), ▼ at the bottom (≤ 0 on a log axis, −∞). */
export interface MarkLabels {
  /** legend + tooltip text for ▲, e.g. "NaN or ∞ (off the chart)" */
  nonFinite?: string;
  /** legend + tooltip text for ▼, e.g. "0 (below the log axis)" */
  nonPositive?: string;
}

export const MARK_UP = 'M0,0L-4.5,7L4.5,7Z'; // tip at (0,0), pointing up
export const MARK_DOWN = 'M0,0L-4.5,-7L4.5,-7Z'; // tip at (0,0), pointing down

export type MarkKind = 'up' | 'down';

/** Which edge mark (if any) a value gets on an axis of the given type. */
export function markKind(v: number | null | undefined, log: boolean): MarkKind | null {
  if (v === null || v === undefined) return null;
  if (Number.isNaN(v) || v === Infinity) return 'up';
  if (v === -Infinity) return 'down';
  if (log && v <= 0) return 'down';
  return null;
}

/** Legend items `mark:up` (▲) and `mark:down` (▼) for the labels given, hidden until {@link showMarkLegend} shows them. */
export function markLegendItems(marks: MarkLabels | undefined): LegendItem[] {
  const items: LegendItem[] = [];
  if (marks?.nonFinite) items.push({ key: 'mark:up', label: marks.nonFinite, swatch: { kind: 'glyph', text: '▲' }, hidden: true });
  if (marks?.nonPositive) items.push({ key: 'mark:down', label: marks.nonPositive, swatch: { kind: 'glyph', text: '▼' }, hidden: true });
  return items;
}

/** Show each mark's legend item while some mark of its kind is drawn. */
export function showMarkLegend(frame: ChartFrame, marks: readonly { kind: MarkKind }[]): void {
  frame.toggleLegendItem('mark:up', marks.some((m) => m.kind === 'up'));
  frame.toggleLegendItem('mark:down', marks.some((m) => m.kind === 'down'));
}
