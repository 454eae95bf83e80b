/** What the widget views share: run styles and histories, labels, table strings, readouts, charts built per session. */
import '../charts/charts.css';
import type { TableLabels } from '../charts/data-table';
import { createLineChart, type RefLine, type StepPoint, type XBand } from '../charts/line';
import { createLogBarChart } from '../charts/log-bars';
import { setText } from '../charts/frame';
import { runStyle, type ChartRun } from '../charts/runs';
import type { LayerShape, RunShape } from '../engine/experiments/types';
import type { Frame, LayerFrame } from '../engine/frame';
import type { Lang } from '../i18n/locales';
import { format } from '../i18n/ui';
import type { WidgetStrings } from '../i18n/widget-strings';
import { afterFrame } from '../runtime/after-frame';
import type { RunFrames } from './types';

/**
 * The session's runs as the charts name them. Charts tell runs apart by dash and marker
 * (lines) or fill pattern (bars), not by colour: colour stays the series' (the runs list
 * above the charts shows the same dashes).
 */
export function chartRuns(runs: readonly RunShape[], lang: Lang, styleFrom: readonly RunShape[] = runs): ChartRun[] {
  // A single run needs no run legend.
  if (runs.length < 2) return [];
  // Each run keeps the look of its position in `styleFrom` (the session), also on a chart that shows only some runs.
  const all = styleFrom.map((r) => ({ key: r.name, label: r.label[lang] }));
  return runs.map((r) => ({ key: r.name, label: r.label[lang], ...runStyle(all, r.name) }));
}

/** One bar group per run, all with the same label (one colour), told apart by their run's pattern. */
export function runGroups(runs: readonly RunShape[], label: string) {
  return runs.map((r) => ({ key: r.name, label, run: r.name }));
}

export function layerLabel(s: WidgetStrings, index: number): string {
  return format(s.axis.layerShort, { n: index + 1 });
}

/** One series / row per layer of a run, keyed L1…Ln like `perLayer`. */
export function layerKeys(s: WidgetStrings, layers: readonly LayerShape[]) {
  return layers.map((_, i) => ({ key: `L${i + 1}`, label: layerLabel(s, i) }));
}

export const perLayer = (f: Frame, pick: (l: LayerFrame) => number | undefined) =>
  Object.fromEntries(f.layers.map((l, i) => [`L${i + 1}`, pick(l) ?? null]));

/** The session's steps, to the last frame of the run that ends last: charts over training keep this x range. */
export const sessionSteps = (runs: readonly RunShape[]): [number, number] => [0, Math.max(1, ...runs.map((r) => (r.start ?? 0) + r.steps - 1))];

/**
 * A line chart over the session's steps with one series per run, keyed by run (as `runHistory` keys a
 * single pick), or with `perRun`, one series per run and pick, keyed `<run>:<pick>` (as it keys named
 * picks): colour names the pick, dash and marker the run.
 */
export function runLineChart(
  el: HTMLElement, s: WidgetStrings, lang: Lang, runs: readonly RunShape[],
  o: {
    name: string; title: string; yLabel: string; yScale: 'log' | 'linear'; references?: RefLine[];
    /**
     * `runs`: the runs that have this pick (default all), e.g. a norm after clipping only where there is clipping;
     * `sparse`: a pick measured on some steps only (LineSeries.sparse).
     */
    perRun?: readonly { key: string; label: string; runs?: readonly string[]; sparse?: boolean }[];
    /** A fixed y range (default: fit the data); values beyond it leave the plot. */
    yDomain?: [number, number];
    /** The session's runs, when `runs` are only some of them: each run keeps its dash and marker. */
    styleFrom?: readonly RunShape[];
    /** The x range (default: the session's steps). */
    xDomain?: [number, number];
    bands?: XBand[];
  },
) {
  const series = o.perRun
    ? runs.flatMap((r) => o.perRun!.filter((p) => !p.runs || p.runs.includes(r.name)).map((p) => ({ key: `${r.name}:${p.key}`, label: p.label, run: r.name, ...(p.sparse ? { sparse: true } : {}) })))
    : runs.map((r) => ({ key: r.name, label: o.yLabel, run: r.name }));
  return createLineChart(el, {
    name: o.name, title: o.title, xLabel: s.axis.step, yLabel: o.yLabel, yScale: o.yScale, runs: chartRuns(runs, lang, o.styleFrom), xDomain: o.xDomain ?? sessionSteps(o.styleFrom ?? runs),
    series, table: tableLabels(s, s.table.step), locale: lang, xInteger: true, marks: marks(s),
    ...(o.references ? { references: o.references } : {}),
    ...(o.yDomain ? { yDomain: o.yDomain } : {}),
    ...(o.bands ? { bands: o.bands } : {}),
  });
}

/** The training-loss chart, one series per run. */
export function lossChart(el: HTMLElement, s: WidgetStrings, lang: Lang, title: string, yScale: 'log' | 'linear', runs: readonly RunShape[]) {
  return runLineChart(el, s, lang, runs, { name: 'loss', title, yLabel: s.axis.loss, yScale });
}

/** Bars per layer on a log axis, one group per run told apart by pattern: `symbol` names the quantity in the legend. */
export function layerBars(el: HTMLElement, s: WidgetStrings, lang: Lang, runs: readonly RunShape[], o: { name: string; title: string; yLabel: string; symbol: string }) {
  return createLogBarChart(el, {
    name: o.name, title: o.title, xLabel: s.axis.layer, yLabel: o.yLabel,
    runs: chartRuns(runs, lang), groups: runGroups(runs, o.symbol),
    categoryLabel: (i) => layerLabel(s, i), table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
  });
}

/** Each run's latest frame (runs without frames yet left out). */
export const latestFrames = (frames: RunFrames) => new Map([...frames].flatMap(([run, list]) => (list.length ? [[run, list.at(-1)!] as const] : [])));

/** `pick` of each run's latest frame, by run (runs without frames left out): what bar charts take as `values`. */
export const latestByRun = <T>(frames: RunFrames, pick: (f: Frame) => T): Record<string, T> =>
  Object.fromEntries([...latestFrames(frames)].map(([run, f]) => [run, pick(f)]));

/** Each layer's ‖∂L/∂W‖, input to output. */
export const weightGradNorms = (f: Frame) => f.layers.map((l) => l.gradNormW);

export function tableLabels(s: WidgetStrings, rowHeader?: string): TableLabels {
  return { show: s.table.show, caption: s.table.captionAll, captionBounded: s.table.caption, ...(rowHeader ? { rowHeader } : {}) };
}

export function marks(s: WidgetStrings) {
  return { nonFinite: s.marks.nonFinite, nonPositive: s.marks.nonPositive };
}

/** A one-line live readout under a chart ("first / last = 3.2e-5"). */
export function readout(parent: HTMLElement): (text: string) => void {
  const p = parent.ownerDocument.createElement('p');
  p.className = 'widget-readout';
  parent.append(p);
  return (text) => setText(p, text);
}

/** Readout lines, one per run, under a chart; cleared and rebuilt for each session. */
export function runReadouts(parent: HTMLElement) {
  let lines = new Map<string, (text: string) => void>();
  // its own lines only: the slot may still hold the build-time copies' (src/runtime/static-figures.ts)
  let made: Element[] = [];
  return {
    reset(runs: readonly RunShape[]) {
      for (const p of made) p.remove();
      lines = new Map(runs.map((r) => [r.name, readout(parent)]));
      made = [...parent.querySelectorAll(':scope > .widget-readout')].slice(-runs.length);
    },
    show(run: string, text: string) {
      lines.get(run)?.(text);
    },
  };
}

type Pick = (f: Frame) => number | undefined;

/**
 * One chart's history across runs, keyed by step: the point at x = s holds every run's
 * values at step s (a run that starts late or stopped early has none there). One pick keys
 * the values by run; named picks key them `<run>:<name>`. Only frames not seen yet are read
 * (frames only grow within a session); with `only`, only the frames it accepts make points.
 */
export function runHistory(picks: Pick | Readonly<Record<string, Pick>>, opts: { only?: (f: Frame) => boolean } = {}) {
  const named = typeof picks === 'function' ? null : Object.entries(picks);
  let points: StepPoint[] = [];
  let byStep = new Map<number, StepPoint>();
  let read = new Map<string, number>();
  const pointAt = (step: number): StepPoint => {
    let p = byStep.get(step);
    if (p) return p;
    p = { x: step, values: {} };
    byStep.set(step, p);
    // Runs train in lockstep, so a new step is almost always the last; otherwise keep the order.
    if (!points.length || points.at(-1)!.x < step) points.push(p);
    else points.splice(points.findIndex((q) => q.x > step), 0, p);
    return p;
  };
  return {
    update(frames: RunFrames): StepPoint[] {
      for (const [run, list] of frames) {
        for (let i = read.get(run) ?? 0; i < list.length; i += 1) {
          const f = list[i]!;
          if (opts.only && !opts.only(f)) continue;
          const values = pointAt(f.step).values;
          if (named) for (const [name, pick] of named) values[`${run}:${name}`] = pick(f) ?? null;
          else values[run] = (picks as Pick)(f) ?? null;
        }
        read.set(run, list.length);
      }
      return points;
    },
    clear() {
      points = [];
      byStep = new Map();
      read = new Map();
    },
  };
}

/** One run's per-layer history (heatmaps, per-layer lines). */
export function layerHistory(pick: (l: LayerFrame) => number | undefined) {
  let points: StepPoint[] = [];
  return {
    update(frames: readonly Frame[]): StepPoint[] {
      for (let i = points.length; i < frames.length; i += 1) points.push({ x: frames[i]!.step, values: perLayer(frames[i]!, pick) });
      return points;
    },
    clear() {
      points = [];
    },
  };
}

/**
 * Charts whose shape depends on the session (its runs and their layers), built one per
 * task as soon as the runs are known, each after a frame was rendered: building them all
 * in one task is a long task (~80 ms on a slow laptop), and so is building one inside an
 * animation frame, whose task the view's draw shares.
 */
export function chartsPerSession<T extends Record<string, { destroy(): void }>>(builders: { [K in keyof T]: (runs: readonly RunShape[]) => T[K] }) {
  const keys = Object.keys(builders) as (keyof T)[];
  let built: Partial<T> = {};
  let generation = 0;
  return {
    build(runs: readonly RunShape[]) {
      const mine = ++generation;
      const nextChart = () => {
        if (mine !== generation) return;
        const missing = keys.find((k) => !built[k]);
        if (!missing) return;
        built[missing] = builders[missing](runs);
        afterFrame(nextChart);
      };
      afterFrame(nextChart);
    },
    /** The charts built so far, and whether some are still to come. */
    get(): { charts: Partial<T>; pending: boolean } {
      return { charts: built, pending: keys.some((k) => !built[k]) };
    },
    clear() {
      generation += 1;
      for (const k of keys) built[k]?.destroy();
      built = {};
    },
  };
}

/** One chart per run side by side in a slot (e.g. a heatmap each), destroyed together. Tables carry data-run, not these boxes. */
export function chartPerRun<C extends { destroy(): void }>(slot: HTMLElement, runs: readonly RunShape[], make: (el: HTMLElement, run: RunShape, i: number) => C) {
  // a class, not `:has(> .chart-per-run)`: that selector restyles the slot on every change inside it
  slot.classList.add('per-run');
  const cells = runs.map((run, i) => {
    const el = slot.ownerDocument.createElement('div');
    el.className = 'chart-per-run';
    el.dataset['chartRun'] = run.name;
    slot.append(el);
    return { el, run: run.name, chart: make(el, run, i) };
  });
  return {
    get: (run: string) => cells.find((c) => c.run === run)?.chart,
    destroy() {
      for (const c of cells) {
        c.chart.destroy();
        c.el.remove();
      }
      slot.classList.remove('per-run');
    },
  };
}

export function orders(ratio: number): string {
  return Number.isFinite(ratio) && ratio > 0 ? Math.abs(Math.log10(ratio)).toFixed(1) : '–';
}
