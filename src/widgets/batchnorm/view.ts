/** Batch normalization: each run's per-layer ‖∂L/∂W‖ now (bars), the loss in training and evaluation mode, each hidden layer's histogram of what enters f. */
import { formatNumber } from '../../charts/format';
import { activationMath } from '../../engine/activation-math';
import { format } from '../../i18n/ui';
import { preActivationPanels } from '../pre-activation-panels';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestByRun, latestFrames, layerBars, runHistory, runLineChart, runReadouts, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, values, later }) => {
  const lossHistory = runHistory({ train: (f) => f.loss, eval: (f) => f.eval?.loss });
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();
  const panels = preActivationPanels({ s, lang, later }, { title: w.histograms, panel: w.panel, act: () => activationMath[values().activation] });

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    loss: (runs) => runLineChart(slot('loss'), s, lang, runs, {
      name: 'loss', title: w.loss, yLabel: s.axis.loss, yScale: 'linear',
      perRun: [{ key: 'train', label: w.train }, { key: 'eval', label: w.eval }],
    }),
    histograms: (runs) => panels.build(slot('histograms'), runs),
  });

  return {
    reset(runs) {
      panels.reset();
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      panels.show(frames);
      for (const [run, f] of latestFrames(frames)) {
        const first = frames.get(run)![0]!;
        readouts.show(run, format(w.readout, {
          run: labels.get(run)!,
          start: formatNumber(first.extras?.['firstOverLastHidden'] ?? NaN, lang),
          now: formatNumber(f.extras?.['firstOverLastHidden'] ?? NaN, lang),
        }));
      }
      return pending;
    },
  };
};
