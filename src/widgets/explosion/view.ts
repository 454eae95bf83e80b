/**
 * Exploding gradients: ‖∂L/∂a‖ grows by about the weight scale per layer on its way back
 * to the input, until a value is no longer finite. Each run keeps its last finite bars.
 */
import { formatNumber } from '../../charts/format';
import type { Frame } from '../../engine/frame';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, layerBars, lossChart, runHistory, runLineChart, runReadouts } from '../view-kit';
import type { Params, Strings } from './widget';

/** Geometric mean of the layer-to-layer ratio of gradient norms, input side over output side. */
function growthPerLayer(norms: readonly number[]): number {
  return (norms[0]! / norms.at(-1)!) ** (1 / Math.max(1, norms.length - 1));
}

const outputNorms = (f: Frame) => f.layers.map((l) => l.gradNormAct ?? NaN);
const allFinite = (norms: readonly number[]) => norms.every((n) => Number.isFinite(n) && n > 0);

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  // Hidden layers only: the first one (farthest from the loss) and the last one.
  const normHistory = runHistory({ first: (f) => f.layers[0]!.gradNormAct, last: (f) => f.layers.at(-2)?.gradNormAct });
  const readouts = runReadouts(slot('bars'));
  let lastFinite = new Map<string, { norms: number[]; step: number }>();
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradAct, symbol: '‖∂L/∂h‖' }),
    // Colour names the layer, dash and marker the run.
    lines: (runs) => runLineChart(slot('lines'), s, lang, runs, {
      name: 'grad-norm-history', title: w.lines, yLabel: s.axis.gradAct, yScale: 'log',
      perRun: [{ key: 'first', label: w.first }, { key: 'last', label: w.last }],
    }),
    loss: (runs) => lossChart(slot('loss'), s, lang, w.loss, 'log', runs),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      normHistory.clear();
      lastFinite = new Map();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      const vlines = [...frames.values()].flatMap((list) => {
        const d = list.at(-1)?.diverged;
        return d ? [{ x: d.step, label: format(w.diverged, { run: labels.get(list.at(-1)!.run)! }) }] : [];
      });
      later('lines', () => c.lines?.update(normHistory.update(frames), { vlines }));
      later('loss', () => c.loss?.update(lossHistory.update(frames), { vlines }));
      // The bars keep each run's last step whose norms were all finite: the growth across
      // layers stays readable after the run has diverged.
      for (const [run, list] of frames) {
        if (!list.length) continue;
        // Several frames may arrive between two draws: the last finite one may not be the latest.
        for (let i = list.length - 1; i >= 0 && list[i]!.step > (lastFinite.get(run)?.step ?? -1); i--) {
          const norms = outputNorms(list[i]!);
          if (allFinite(norms)) {
            lastFinite.set(run, { norms, step: list[i]!.step });
            break;
          }
        }
        const kept = lastFinite.get(run);
        if (kept) readouts.show(run, format(w.growth, { run: labels.get(run)!, factor: formatNumber(growthPerLayer(kept.norms), lang), step: kept.step }));
      }
      const bars = Object.fromEntries([...frames].map(([run, list]) => [run, lastFinite.get(run)?.norms ?? (list.length ? outputNorms(list.at(-1)!) : [])]));
      later('bars', () => c.bars?.update({ values: bars }));
      return pending;
    },
  };
};
