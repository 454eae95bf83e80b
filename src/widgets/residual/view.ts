/** Residual connections: each run's per-layer ‖∂L/∂W‖ now (bars), r = first ÷ last hidden over training, both losses. */
import { formatNumber } from '../../charts/format';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestByRun, latestFrames, layerBars, lossChart, runHistory, runLineChart, runReadouts, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  const ratioHistory = runHistory((f) => f.extras?.['firstOverLastHidden']);
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    ratio: (runs) => runLineChart(slot('ratio'), s, lang, runs, { name: 'grad-ratio', title: w.ratio, yLabel: w.ratioAxis, yScale: 'log', references: [{ y: 1, label: '1' }] }),
    loss: (runs) => lossChart(slot('loss'), s, lang, w.loss, 'linear', runs),
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
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      later('ratio', () => c.ratio?.update(ratioHistory.update(frames)));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      for (const [run, f] of latest) {
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
