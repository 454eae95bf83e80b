/**
 * Gradient clipping: the raw global norm and the norm after clipping, the loss, and what
 * clipping did to the direction, for the three runs (none, by value, by global norm).
 */
import type { Frame } from '../../engine/frame';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, runHistory, runLineChart, runReadouts } from '../view-kit';
import type { Params, Strings } from './widget';

/** Runs with a gradient transform: the ones whose frames carry a norm after clipping. */
const clippedRuns = (runs: readonly { name: string; series: readonly string[] }[]) => runs.filter((r) => r.series.includes('appliedNorm')).map((r) => r.name);

/**
 * Fixed log ranges: the unclipped run's last finite steps reach 1e26, which on a fitted axis
 * would flatten the twenty steps before them (and the clipped runs) into one line. Beyond
 * the range its line leaves the plot; the tables keep the numbers.
 */
const NORM_RANGE: [number, number] = [1e-3, 1e4];
const LOSS_RANGE: [number, number] = [1e-3, 1e3];

/** A step was clipped when clipping changed any entry of the gradient (the engine's clippedShare). */
const wasClipped = (f: Frame) => (f.clippedShare ?? 0) > 0;

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const normHistory = runHistory({ before: (f) => f.globalNorm, after: (f) => f.appliedNorm });
  const lossHistory = runHistory((f) => f.loss);
  const directionHistory = runHistory({ cosine: (f) => f.clipCosine, share: (f) => f.clippedShare });
  const readouts = runReadouts(slot('norms'));
  let labels = new Map<string, string>();
  let counts = new Map<string, { clipped: number; seen: number }>();

  const charts = chartsPerSession({
    norms: (runs) => {
      const clipped = clippedRuns(runs);
      return runLineChart(slot('norms'), s, lang, runs, {
        name: 'grad-norm', title: w.norms, yLabel: w.normAxis, yScale: 'log', yDomain: NORM_RANGE,
        perRun: [{ key: 'before', label: w.before }, { key: 'after', label: w.after, runs: clipped }],
      });
    },
    loss: (runs) => runLineChart(slot('loss'), s, lang, runs, { name: 'loss', title: w.loss, yLabel: s.axis.loss, yScale: 'log', yDomain: LOSS_RANGE }),
    direction: (runs) => {
      const clipped = clippedRuns(runs);
      return runLineChart(slot('direction'), s, lang, runs.filter((r) => clipped.includes(r.name)), {
        name: 'direction', title: w.direction, yLabel: w.directionAxis, yScale: 'linear', styleFrom: runs,
        perRun: [{ key: 'cosine', label: w.cosine }, { key: 'share', label: w.share, runs: clipped.filter((r) => r === 'value') }],
      });
    },
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      normHistory.clear();
      lossHistory.clear();
      directionHistory.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      counts = new Map(clippedRuns(runs).map((r) => [r, { clipped: 0, seen: 0 }]));
      readouts.reset(runs.filter((r) => counts.has(r.name)));
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      const vlines = [...frames.values()].flatMap((list) => {
        const d = list.at(-1)?.diverged;
        return d ? [{ x: d.step, label: format(w.diverged, { run: labels.get(list.at(-1)!.run)! }) }] : [];
      });
      for (const [run, list] of frames) {
        const count = counts.get(run);
        if (!count) continue;
        for (const f of list.slice(count.seen)) count.clipped += wasClipped(f) ? 1 : 0;
        count.seen = list.length;
        readouts.show(run, format(w.clipped, { run: labels.get(run)!, n: count.clipped, m: count.seen }));
      }
      later('norms', () => c.norms?.update(normHistory.update(frames), { vlines }));
      later('loss', () => c.loss?.update(lossHistory.update(frames), { vlines }));
      const clippedFrames = new Map([...frames].filter(([run]) => counts.has(run)));
      later('direction', () => c.direction?.update(directionHistory.update(clippedFrames)));
      return pending;
    },
  };
};
