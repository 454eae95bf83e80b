/** Gradient flow: each run's per-layer ‖∂L/∂W‖ now (bars), over training (a heatmap per run), and both losses. */
import { formatNumber } from '../../charts/format';
import { createSharedLogDomain } from '../../charts/cell-grid';
import { createHeatmap } from '../../charts/heatmap';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartPerRun, chartsPerSession, latestByRun, latestFrames, layerBars, layerHistory, layerKeys, lossChart, marks, runHistory, runReadouts, sessionSteps, tableLabels, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory((f) => f.loss);
  const normHistories = new Map<string, ReturnType<typeof layerHistory>>();
  const readouts = runReadouts(slot('bars'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    bars: (runs) => layerBars(slot('bars'), s, lang, runs, { name: 'grad-norms', title: w.bars, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    // One colour scale for both runs' heatmaps, so the same colour is the same norm.
    heatmaps: (runs) => {
      const domain = createSharedLogDomain();
      return chartPerRun(slot('heatmap'), runs, (el, run) => createHeatmap(el, {
        name: 'grad-norm-history', run: run.name, title: format(w.heatmap, { run: run.label[lang] }), xLabel: s.axis.step, yLabel: s.axis.layer,
        colorLabel: '‖∂L/∂W‖', rows: layerKeys(s, run.layers), domain, xDomain: sessionSteps([run]),
        table: tableLabels(s, s.table.step), locale: lang, marks: marks(s),
      }));
    },
    loss: (runs) => lossChart(slot('loss'), s, lang, w.loss, 'linear', runs),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      normHistories.clear();
      for (const r of runs) normHistories.set(r.name, layerHistory((l) => l.gradNormW));
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      const latest = latestFrames(frames);
      later('bars', () => c.bars?.update({ values: latestByRun(frames, weightGradNorms) }));
      for (const [run, list] of frames) later(`heatmap:${run}`, () => c.heatmaps?.get(run)?.update(normHistories.get(run)!.update(list)));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      for (const [run, f] of latest) {
        const first = frames.get(run)![0]!;
        const start = formatNumber(first.extras?.['firstOverLast'] ?? NaN, lang);
        const last = f.layers.at(-1)!.gradNormW;
        const text = last === 0
          ? format(w.ratioZero, { run: labels.get(run)!, step: f.step, start })
          : format(w.ratio, { run: labels.get(run)!, start, ratio: formatNumber(f.extras?.['firstOverLast'] ?? NaN, lang) });
        readouts.show(run, text);
      }
      return pending;
    },
  };
};
