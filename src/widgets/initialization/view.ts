/** Initialization: each run's per-layer activation std and ‖∂L/∂W‖ now (bars), the std ratio over training, both losses. */
import { formatNumber } from '../../charts/format';
import { createLineChart } from '../../charts/line';
import { createLogBarChart } from '../../charts/log-bars';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartRuns, chartsPerSession, layerLabel, lossChart, marks, runGroups, runHistory, runReadouts, sessionSteps, tableLabels } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  const ratioHistory = runHistory((f) => f.extras?.['stdLastOverFirst']);
  const readouts = runReadouts(slot('std'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    // Hidden layers only: the output layer's activation is a logit, not a layer the signal passes through.
    std: (runs) => createLogBarChart(slot('std'), {
      name: 'act-std', title: w.std, xLabel: s.axis.layer, yLabel: w.stdAxis,
      runs: chartRuns(runs, lang), groups: runGroups(runs, 'std(a)'),
      categoryLabel: (i) => layerLabel(s, i), table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
    }),
    grads: (runs) => createLogBarChart(slot('grads'), {
      name: 'grad-norms', title: w.grads, xLabel: s.axis.layer, yLabel: s.axis.gradNorm,
      runs: chartRuns(runs, lang), groups: runGroups(runs, '‖∂L/∂W‖'),
      categoryLabel: (i) => layerLabel(s, i), table: tableLabels(s, s.table.layer), locale: lang, marks: marks(s),
    }),
    ratio: (runs) => createLineChart(slot('ratio'), {
      name: 'std-ratio', title: w.ratio, xLabel: s.axis.step, yLabel: w.ratioAxis, yScale: 'log',
      runs: chartRuns(runs, lang), xDomain: sessionSteps(runs),
      series: runs.map((r) => ({ key: r.name, label: w.ratioAxis, run: r.name })),
      table: tableLabels(s, s.table.step), locale: lang, xInteger: true, marks: marks(s), references: [{ y: 1, label: '1' }],
    }),
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
      const latest = new Map([...frames].flatMap(([run, list]) => (list.length ? [[run, list.at(-1)!] as const] : [])));
      later('std', () => c.std?.update({ values: Object.fromEntries([...latest].map(([run, f]) => [run, f.layers.slice(0, -1).map((l) => l.act?.std ?? NaN)])) }));
      later('grads', () => c.grads?.update({ values: Object.fromEntries([...latest].map(([run, f]) => [run, f.layers.map((l) => l.gradNormW)])) }));
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
