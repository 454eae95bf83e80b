/** What the widget views share: labels, table strings, a readout line, per-run chart rebuilding. */
import '../charts/charts.css';
export { throttled } from '../charts/throttle';
import type { TableLabels } from '../charts/data-table';
import { createLineChart, type StepPoint } from '../charts/line';
import type { Locale } from '../charts/format';
import type { Frame } from '../engine/frame';
import { format } from '../i18n/ui';
import type { WidgetStrings } from '../i18n/widget-strings';

export function layerLabel(s: WidgetStrings, index: number): string {
  return format(s.axis.layerShort, { n: index + 1 });
}

/** One series / row per layer, keyed L1…Ln like `perLayer`. */
export function layerKeys(s: WidgetStrings, layers: number) {
  return Array.from({ length: layers }, (_, i) => ({ key: `L${i + 1}`, label: layerLabel(s, i) }));
}

/** The training-loss chart that several widgets show beside their gradient charts. */
export function lossChart(el: HTMLElement, s: WidgetStrings, lang: Locale, title: string, yScale: 'log' | 'linear') {
  return createLineChart(el, {
    name: 'loss', title, xLabel: s.axis.step, yLabel: s.axis.loss, yScale,
    series: [{ key: 'loss', label: s.series.loss }], table: tableLabels(s, s.table.step), locale: lang, xInteger: true, marks: marks(s),
  });
}

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
  return (text) => {
    if (p.textContent !== text) p.textContent = text;
  };
}

/**
 * One chart's step-by-step history: points for the frames not seen yet are appended
 * (`frames` only grows within a run), and `clear()` starts over for a new run.
 */
export function stepHistory(values: (f: Frame) => StepPoint['values']) {
  let points: StepPoint[] = [];
  return {
    update(frames: readonly Frame[]): StepPoint[] {
      for (let i = points.length; i < frames.length; i += 1) points.push({ x: frames[i]!.step, values: values(frames[i]!) });
      return points;
    },
    clear() {
      points = [];
    },
  };
}

/** Layers of a run of an MLP experiment: `depth` hidden layers and the output layer. */
export const layerCount = (values: Record<string, unknown>) => Number(values['depth']) + 1;

export const perLayer = (f: Frame, pick: (l: Frame['layers'][number]) => number | undefined) =>
  Object.fromEntries(f.layers.map((l, i) => [`L${i + 1}`, pick(l) ?? null]));

/**
 * Charts whose shape depends on the run (number of layers), built one per animation
 * frame as soon as a run is set up, while the worker is still loading or starting:
 * building them all in one task is a long task (~80 ms on a slow laptop).
 */
export function chartsPerRun<T extends Record<string, { destroy(): void }>>(builders: { [K in keyof T]: (layers: number) => T[K] }) {
  const keys = Object.keys(builders) as (keyof T)[];
  let built: Partial<T> = {};
  let generation = 0;
  return {
    /** Starts building for a run with `layers` layers (counting the output layer). */
    build(layers: number) {
      const mine = ++generation;
      const nextChart = () => {
        if (mine !== generation) return;
        const missing = keys.find((k) => !built[k]);
        if (!missing) return;
        built[missing] = builders[missing](layers);
        requestAnimationFrame(nextChart);
      };
      requestAnimationFrame(nextChart);
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

export function orders(ratio: number): string {
  return Number.isFinite(ratio) && ratio > 0 ? Math.abs(Math.log10(ratio)).toFixed(1) : '–';
}
