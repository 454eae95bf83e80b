/** Initialization: each run's per-layer activation std and ‖∂L/∂W‖ now (bars), the std ratio over training, both losses. */
import { formatNumber } from '../../charts/format';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestByRun, latestFrames, layerBars, lossChart, runHistory, runLineChart, runReadouts, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  const ratioHistory = runHistory((f) => f.extras?.['stdLastOverFirst']);
  const readouts = runReadouts(slot('std'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    // Hidden layers only: the output layer's activation is a logit, not a layer the signal passes through.
    std: (runs) => layerBars(slot('std'), s, lang, runs, { name: 'act-std', title: w.std, yLabel: w.stdAxis, symbol: 'std(a)' }),
    grads: (runs) => layerBars(slot('grads'), s, lang, runs, { name: 'grad-norms', title: w.grads, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    ratio: (runs) => runLineChart(slot('ratio'), s, lang, runs, { name: 'std-ratio', title: w.ratio, yLabel: w.ratioAxis, yScale: 'log', references: [{ y: 1, label: '1' }] }),
    loss: (runs) => lossChart(slot('loss'), s, lang, w.loss, 'log', runs),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      ratioHistory.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      const latest = latestFrames(frames);
      later('std', () => c.std?.update({ values: latestByRun(frames, (f) => f.layers.slice(0, -1).map((l) => l.act?.std ?? NaN)) }));
      later('grads', () => c.grads?.update({ values: latestByRun(frames, weightGradNorms) }));
      later('ratio', () => c.ratio?.update(ratioHistory.update(frames)));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      for (const [run, f] of latest) {
        const first = frames.get(run)![0]!;
        readouts.show(run, format(w.readout, {
          run: labels.get(run)!, last: f.layers.length - 1,
          start: formatNumber(first.extras?.['stdLastOverFirst'] ?? NaN, lang),
          now: formatNumber(f.extras?.['stdLastOverFirst'] ?? NaN, lang),
          grad: formatNumber(f.extras?.['firstOverLast'] ?? NaN, lang),
        }));
      }
      return pending;
    },
  };
};
