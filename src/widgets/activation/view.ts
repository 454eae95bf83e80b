/** Activation functions: f and f′ of each run's activation, per-layer ‖∂L/∂W‖ now (bars), the dead share over training, both losses. */
import { createFunctionPlot } from '../../charts/function-plot';
import { formatNumber, formatPercent } from '../../charts/format';
import { scalarActivation } from '../../engine/activation-math';
import { activationComparison } from '../../engine/experiments/activation.spec';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartRuns, chartsPerSession, latestByRun, latestFrames, layerBars, lossChart, runHistory, runLineChart, runReadouts, tableLabels, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';



/** One decimal, as the chapter quotes the shares (11.5 %, 31.8 %): a unit of 192 is half a percent. */
const percent = (x: number) => formatPercent(x, 1);

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, values, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  const deadHistory = runHistory((f) => f.extras?.['deadShare']);
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    // The runs' own activations (k and α included), from the values the session started with.
    fn: (runs) => createFunctionPlot(slot('fn'), {
      name: 'activation', title: w.fn, xLabel: 'z', yLabel: 'f(z), f′(z)', table: tableLabels(s, 'z'), locale: lang, xDomain: [-4, 3],
      runs: chartRuns(runs, lang),
      functions: activationComparison.runs(values()).flatMap(({ name, values: v }) => {
        const act = scalarActivation(v.activation, { slope: v.slope, alpha: v.alpha });
        return [
          { key: `${name}-f`, label: 'f(z)', fn: act.f, run: name },
          { key: `${name}-df`, label: 'f′(z)', fn: act.df, run: name },
        ];
      }),
    }),
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    dead: (runs) => runLineChart(slot('dead'), s, lang, runs, { name: 'dead-share', title: w.dead, yLabel: w.deadAxis, yScale: 'linear' }),
    loss: (runs) => lossChart(slot('loss'), s, lang, w.loss, 'log', runs),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      deadHistory.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      later('dead', () => c.dead?.update(deadHistory.update(frames)));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      for (const [run, f] of latestFrames(frames)) {
        const first = frames.get(run)![0]!;
        readouts.show(run, format(w.readout, {
          run: labels.get(run)!,
          start: percent(first.extras?.['deadShare'] ?? NaN),
          now: percent(f.extras?.['deadShare'] ?? NaN),
          ratio: formatNumber(f.extras?.['firstOverLastHidden'] ?? NaN, lang),
        }));
      }
      return pending;
    },
  };
};
