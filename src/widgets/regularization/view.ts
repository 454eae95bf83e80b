/** Weight regularization: training and held-out loss, ‖W‖ over training and per layer, the share of weights near zero, the gradient norm, for the three runs (none, L1, L2). */
import { formatNumber, formatPercent } from '../../charts/format';
import type { Frame } from '../../engine/frame';
import { HELD_OUT, SPARSITY_THRESHOLD, TRAIN_POINTS, VALIDATE_EVERY } from '../../engine/experiments/regularization.spec';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestByRun, latestFrames, layerBars, runHistory, runLineChart, runReadouts } from '../view-kit';
import type { Params, Strings } from './widget';

/** ‖W‖ over all layers, from the per-layer norms. */
const totalNorm = (f: Frame) => Math.hypot(...f.layers.map((l) => l.weightNorm ?? NaN));

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const lossHistory = runHistory({ train: (f) => f.loss, validation: (f) => f.validation?.loss });
  const normHistory = runHistory(totalNorm);
  const sparsityHistory = runHistory((f) => f.overallSparsity);
  const gradHistory = runHistory((f) => f.globalNorm);
  const readouts = runReadouts(slot('loss'));
  const threshold = formatNumber(SPARSITY_THRESHOLD, lang);
  let labels = new Map<string, string>();
  /** Each run's latest held-out loss and the training loss of the same step. */
  let lastValidation = new Map<string, { validation: number; train: number }>();

  const charts = chartsPerSession({
    loss: (runs) => runLineChart(slot('loss'), s, lang, runs, {
      name: 'loss', title: format(w.loss, { every: VALIDATE_EVERY, train: TRAIN_POINTS, heldOut: HELD_OUT }), yLabel: s.axis.loss, yScale: 'log',
      perRun: [{ key: 'train', label: w.train }, { key: 'validation', label: w.validation, sparse: true }],
    }),
    norms: (runs) => runLineChart(slot('norms'), s, lang, runs, { name: 'weight-norm', title: w.norms, yLabel: w.normAxis, yScale: 'linear' }),
    sparsity: (runs) => runLineChart(slot('sparsity'), s, lang, runs, {
      name: 'sparsity', title: format(w.sparsity, { threshold }), yLabel: w.sparsityAxis, yScale: 'linear', yDomain: [0, 1],
    }),
    layers: (runs) => layerBars(slot('layers'), s, lang, runs, { name: 'layer-norms', title: w.layers, yLabel: w.normAxis, symbol: '‖W‖' }),
    grads: (runs) => runLineChart(slot('grads'), s, lang, runs, { name: 'grad-norm', title: w.grads, yLabel: w.gradAxis, yScale: 'log' }),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      for (const h of [lossHistory, normHistory, sparsityHistory, gradHistory]) h.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      lastValidation = new Map();
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      later('norms', () => c.norms?.update(normHistory.update(frames)));
      later('sparsity', () => c.sparsity?.update(sparsityHistory.update(frames)));
      later('layers', () => c.layers?.update({ values: latestByRun(frames, (f) => f.layers.map((l) => l.weightNorm ?? NaN)) }));
      later('grads', () => c.grads?.update(gradHistory.update(frames)));
      for (const [run, list] of frames) {
        const f = list.findLast((x) => x.validation);
        if (f) lastValidation.set(run, { validation: f.validation!.loss, train: f.loss });
      }
      for (const [run, f] of latestFrames(frames)) {
        const v = lastValidation.get(run);
        readouts.show(run, format(w.readout, {
          run: labels.get(run)!,
          norm: formatNumber(totalNorm(f), lang),
          share: formatPercent(f.overallSparsity ?? NaN),
          threshold,
          gap: v ? formatNumber(v.validation - v.train, lang) : '—',
        }));
      }
      return pending;
    },
  };
};
