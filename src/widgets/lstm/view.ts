/**
 * LSTM: for each run ‖∂L/∂h_t‖ against t at the latest step (and the LSTM's ‖∂L/∂c_t‖), the
 * first ÷ last ratio over training, and the accuracy over training; one readout per run.
 */
import { createLineChart, type StepPoint } from '../../charts/line';
import { formatNumber, formatPercent } from '../../charts/format';
import { ADDING_MEAN_MSE } from '../../engine/data';
import { chanceAccuracy, LSTM_TASK } from '../../engine/experiments/lstm.spec';
import type { Frame } from '../../engine/frame';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartRuns, chartsPerSession, latestFrames, marks, runHistory, runLineChart, runReadouts, tableLabels } from '../view-kit';

import type { Params, Strings } from './widget';

const ratioOf = (f: Frame) => f.extras?.['firstOverLastStep'];

/** Steps the accuracy is averaged over: one batch of 64 moves it in steps of 1/64. */
export const ACCURACY_WINDOW = 20;

/** Each frame's accuracy averaged with the ones before it over ACCURACY_WINDOW steps, worked out once per frame. */
function meanAccuracy() {
  const memo = new WeakMap<Frame, number>();
  return (list: readonly Frame[], i: number): number => {
    const f = list[i]!;
    let v = memo.get(f);
    if (v === undefined) {
      const from = Math.max(0, i - ACCURACY_WINDOW + 1);
      v = list.slice(from, i + 1).reduce((s, g) => s + (g.accuracy ?? NaN), 0) / (i + 1 - from);
      memo.set(f, v);
    }
    return v;
  };
}

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, values, later }) => {
  const ratioHistory = runHistory(ratioOf);
  const smoothed = meanAccuracy();
  let frameLists: ReadonlyMap<string, readonly Frame[]> = new Map();
  const accuracyOf = (f: Frame) => {
    const list = frameLists.get(f.run)!;
    // a run's frames so far, oldest first: frame i is step i
    return smoothed(list, list[f.step] === f ? f.step : list.indexOf(f));
  };
  const accuracyHistory = runHistory(accuracyOf);
  const lossHistory = runHistory((f) => f.loss);
  const readouts = runReadouts(slot('time'));
  let labels = new Map<string, string>();

  const charts = chartsPerSession({
    time: (runs) => createLineChart(slot('time'), {
      name: 'time-grads', title: w.time, xLabel: w.timeAxis, yLabel: w.hState, yScale: 'log',
      runs: chartRuns(runs, lang),
      // colour names the state (h, c), dash and marker the run
      series: runs.flatMap((r) => [
        { key: `${r.name}:h`, label: w.hState, run: r.name },
        ...(r.series.includes('gradNormC') ? [{ key: `${r.name}:c`, label: w.cState, run: r.name }] : []),
      ]),
      table: tableLabels(s, w.timeTable), locale: lang, xInteger: true, xDomain: [1, values().length], marks: marks(s),
    }),
    ratio: (runs) => runLineChart(slot('ratio'), s, lang, runs, { name: 'ratio', title: w.ratio, yLabel: w.ratioAxis, yScale: 'log' }),
    loss: (runs) => runLineChart(slot('loss'), s, lang, runs, {
      name: 'loss', title: w.loss, yLabel: s.axis.loss, yScale: 'log', references: [{ y: ADDING_MEAN_MSE, label: w.baseline }],
    }),
    accuracy: (runs) => runLineChart(slot('accuracy'), s, lang, runs, {
      name: 'accuracy', title: format(w.accuracy, { window: ACCURACY_WINDOW, tolerance: LSTM_TASK.tolerance }), yLabel: w.accuracyAxis, yScale: 'linear',
      references: [{ y: chanceAccuracy(LSTM_TASK.tolerance), label: w.chance }],
    }),
  });

  /** ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) of each run's latest frame, one point per t. */
  function timePoints(frames: ReadonlyMap<string, Frame>): StepPoint[] {
    const T = Math.max(0, ...[...frames.values()].map((f) => f.gradNormH?.length ?? 0));
    return Array.from({ length: T }, (_, t) => {
      const v: StepPoint['values'] = {};
      for (const [run, f] of frames) {
        v[`${run}:h`] = f.gradNormH?.[t] ?? null;
        if (f.gradNormC) v[`${run}:c`] = f.gradNormC[t] ?? null;
      }
      return { x: t + 1, values: v };
    });
  }

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      ratioHistory.clear();
      accuracyHistory.clear();
      lossHistory.clear();
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      readouts.reset(runs);
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      frameLists = frames;
      const latest = latestFrames(frames);
      later('time', () => c.time?.update(timePoints(latest)));
      later('ratio', () => c.ratio?.update(ratioHistory.update(frames)));
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      later('accuracy', () => c.accuracy?.update(accuracyHistory.update(frames)));
      for (const [run, f] of latest) {
        const text = format(w.readout, {
          run: labels.get(run)!,
          ratio: formatNumber(ratioOf(f) ?? NaN, lang),
          loss: formatNumber(f.loss, lang),
          accuracy: formatPercent(accuracyOf(f)),
          window: ACCURACY_WINDOW,
        });
        readouts.show(run, f.forgetGate === undefined ? text : text + format(w.forget, { forget: formatNumber(f.forgetGate, lang) }));
      }
      return pending;
    },
  };
};
