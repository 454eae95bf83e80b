/** Vanishing gradients: the activation and f′, each run's per-layer ‖∂L/∂W‖, and each hidden layer's z histogram. */
import { formatNumber } from '../../charts/format';
import { createFunctionPlot } from '../../charts/function-plot';
import { activationMath } from '../../engine/activation-math';
import { format } from '../../i18n/ui';
import { preActivationPanels } from '../pre-activation-panels';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestByRun, layerBars, orders, runReadouts, tableLabels, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, values, later }) => {
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();
  const act = () => activationMath[values().activation];
  const panels = preActivationPanels({ s, lang, later }, { title: w.histograms, panel: w.panel, act });

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    fn: () => createFunctionPlot(slot('activation'), {
      name: 'activation', title: w.activation, xLabel: 'z', yLabel: 'f(z), f′(z)',
      table: tableLabels(s, 'z'), locale: lang, xDomain: [-8, 8], yDomain: [act().f(-8) < 0 ? -1.05 : 0, 1.05],
      functions: [
        { key: 'f', label: `${w.f} f(z)`, fn: act().f },
        { key: 'df', label: `${w.fprime} f′(z)`, fn: act().df },
      ],
      references: [{ y: act().peakSlope, label: format(w.peak, { value: act().peakSlope === 0.25 ? '1/4' : String(act().peakSlope) }) }],
    }),
    histograms: (runs) => panels.build(slot('histograms'), runs),
  });

  return {
    reset(runs) {
      panels.reset();
      charts.clear();
      charts.build(runs);
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      panels.show(frames);
      for (const [run, list] of frames) {
        const start = list[0]?.extras?.['firstOverLast'];
        const ratio = list.at(-1)?.extras?.['firstOverLast'];
        if (start === undefined || ratio === undefined) continue;
        readouts.show(run, format(w.ratio, { run: labels.get(run)!, start: formatNumber(start, lang), orders: orders(start), ratio: formatNumber(ratio, lang) }));
      }
      return pending;
    },
  };
};
