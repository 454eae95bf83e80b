/**
 * Plot-area scaffolding shared by the charts' draw functions: svg sizing, the
 * left margin that fits the y tick labels, the axis titles (x centred below the
 * plot, y horizontal above it), bottom/left axes, horizontal gridlines with
 * minor ticks, and labelled horizontal reference lines.
 */
import { axisBottom, axisLeft, type AxisDomain, type AxisScale } from 'd3-axis';
import type { Selection } from 'd3-selection';
import { estimateTextWidth } from './format.ts';
import { CSS } from './palette.ts';
import { stripAxisFont, type G, type Svg } from './frame.ts';

/** A height that follows the width: `share` × width, kept within [min, max] px. */
export interface HeightRule {
  min: number;
  max: number;
  share: number;
}

/** The rule's height at width `W`, in whole px. */
export function ruleHeight(r: HeightRule, W: number): number {
  return Math.round(Math.max(r.min, Math.min(r.max, W * r.share)));
}

/**
 * Set the svg's pixel size and a matching viewBox. `--gc-h` carries the same height as CSS,
 * for a copy of the svg shown at another width (build-time figures, src/figures/): a rule
 * becomes a clamp() over its plot's width, a fixed height stays fixed.
 */
export function sizeSvg(svg: Svg, W: number, H: number, rule?: HeightRule): void {
  const box = `0 0 ${W} ${H}`;
  if (svg.attr('viewBox') === box) return; // unchanged: no attribute writes on every update
  svg.attr('width', W).attr('height', H).attr('viewBox', box);
  svg.style('--gc-h', rule ? `clamp(${rule.min}px, ${rule.share * 100}cqw, ${rule.max}px)` : `${H}px`);
}

/** Margin (px) that fits the widest of `labels` (at least `min` px) plus `pad` for the ticks. */
export function labelMargin(labels: readonly string[], font: number, min = 12, pad = 16): number {
  return Math.ceil(Math.max(min, ...labels.map((l) => estimateTextWidth(l, font))) + pad);
}

export interface AxisTitles {
  readonly x: Selection<SVGTextElement, unknown, null, undefined>;
  readonly y: Selection<SVGTextElement, unknown, null, undefined>;
  /** x title centred below a plot `iw` × `ih`; y title above it, left-aligned with the tick labels, baseline at `yTop` */
  place(iw: number, ih: number, left: number, yTop: number): void;
}

/** Append the two axis titles (`text.gc-axis-label`) to the plot root. */
export function axisTitles(root: G, xText: string, yText: string): AxisTitles {
  const x = root.append('text').attr('class', 'gc-axis-label').attr('text-anchor', 'middle').text(xText);
  const y = root.append('text').attr('class', 'gc-axis-label').attr('text-anchor', 'start').text(yText);
  return {
    x,
    y,
    place(iw, ih, left, yTop) {
      x.attr('x', iw / 2).attr('y', ih + 34);
      y.attr('x', -left + 2).attr('y', yTop);
    },
  };
}

/** A bottom axis along a plot of height `ih` with the given ticks and labels. */
export function drawBottomAxis<D extends AxisDomain>(
  g: G,
  scale: AxisScale<D>,
  ticks: readonly D[],
  format: (v: D) => string,
  ih: number,
): void {
  g.attr('transform', `translate(0,${ih})`).call(axisBottom(scale).tickValues(ticks).tickFormat((v) => format(v)).tickSizeOuter(0));
  stripAxisFont(g);
}

/** A left axis with the given ticks and labels. */
export function drawLeftAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, ticks: readonly D[], format: (v: D) => string): void {
  g.call(axisLeft(scale).tickValues(ticks).tickFormat((v) => format(v)).tickSizeOuter(0));
  stripAxisFont(g);
}

/** Horizontal gridlines across a plot `iw` wide at `major`, short unlabelled ticks at `minor`. */
export function drawGridlines(gGrid: G, y: (v: number) => number, major: readonly number[], iw: number, minor: readonly number[] = []): void {
  gGrid
    .selectAll<SVGLineElement, number>('line.gc-gridline')
    .data(major)
    .join('line')
    .attr('class', 'gc-gridline')
    .attr('x1', 0)
    .attr('x2', iw)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v))
    .style('stroke', CSS.grid);
  gGrid
    .selectAll<SVGLineElement, number>('line.gc-minor')
    .data(minor)
    .join('line')
    .attr('class', 'gc-minor')
    .attr('x1', -3)
    .attr('x2', 0)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v))
    .style('stroke', 'currentColor');
}

/** Labelled horizontal reference lines (`g.gc-ref`) across a plot `iw` wide; `y` gives each line's offset. */
export function drawRefLines<R extends { label: string }>(gRefs: G, refs: readonly R[], y: (r: R) => string | number, iw: number): void {
  const rg = gRefs
    .selectAll<SVGGElement, R>('g.gc-ref')
    .data(refs)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'gc-ref');
      g.append('line');
      g.append('text').attr('text-anchor', 'end').attr('class', 'gc-ref-label');
      return g;
    })
    .attr('transform', (r) => `translate(0,${y(r)})`);
  rg.select('line').attr('x1', 0).attr('x2', iw);
  rg.select('text').attr('x', iw - 2).attr('y', -4).text((r) => r.label);
}
