/**
 * Pre-training: the loss over the whole session with run A's phases shaded (reconstruction
 * loss per autoencoder, then training loss), each layer's ‖∂L/∂W‖ at each run's first step on
 * the targets, and r over fine-tuning. Frames are keyed by the session's step, so run B, which
 * starts with A's fine-tuning, lines up with it.
 */
import { formatNumber } from '../../charts/format';
import type { XBand } from '../../charts/line';
import { POINTS } from '../../engine/experiments/pretraining.spec';
import type { RunShape } from '../../engine/experiments/types';
import type { Frame } from '../../engine/frame';
import { format } from '../../i18n/ui';
import type { ViewFactory } from '../types';
import { chartsPerSession, latestFrames, layerBars, readout, runHistory, runLineChart, runReadouts, sessionSteps, weightGradNorms } from '../view-kit';
import type { Params, Strings } from './widget';

const ratioOf = (f: Frame) => f.extras?.['firstOverLastHidden'];

/** The session step where training on the targets starts: the last phase of the run with phases, else 0. */
const targetStart = (runs: readonly RunShape[]) => Math.max(0, ...runs.map((r) => r.phases?.at(-1)?.start ?? r.start ?? 0));

export const view: ViewFactory<Params, Strings> = ({ s, w, lang, slot, later }) => {
  const readouts = runReadouts(slot('loss'));
  const layersNote = readout(slot('layers'));
  let labels = new Map<string, string>();
  let shapes: readonly RunShape[] = [];
  /** Each phased run's last phase: training on the targets. */
  let lastPhase = new Map<string, string>();
  /** Frames of an earlier (autoencoder) phase carry a reconstruction loss; the others the loss on the targets. */
  const pretraining = (f: Frame) => !!f.phase && f.phase !== lastPhase.get(f.run);
  /** Each run's first frame on the targets, once it came. */
  let firstOnTargets = new Map<string, Frame>();

  const lossHistory = runHistory({ reconstruction: (f) => (pretraining(f) ? f.loss : undefined), training: (f) => (pretraining(f) ? undefined : f.loss) });
  const ratioHistory = runHistory(ratioOf, { only: (f) => !pretraining(f) });

  const bands = (runs: readonly RunShape[]): XBand[] =>
    runs.flatMap((r) => r.phases ?? []).map((p, i, all) => ({
      from: p.start, to: p.start + p.steps, label: p.label[lang],
      ...(i < all.length - 1 ? { shorter: [format(w.aeShort, { k: i + 1 }), String(i + 1)] } : {}),
    }));

  const charts = chartsPerSession({
    loss: (runs) => runLineChart(slot('loss'), s, lang, runs, {
      name: 'loss', title: format(w.loss, { points: POINTS }), yLabel: s.axis.loss, yScale: 'log', bands: bands(runs),
      perRun: [
        { key: 'reconstruction', label: w.reconstruction, runs: runs.filter((r) => r.phases && r.phases.length > 1).map((r) => r.name) },
        { key: 'training', label: w.training },
      ],
    }),
    layers: (runs) => layerBars(slot('layers'), s, lang, runs, { name: 'grad-norms', title: w.layers, yLabel: s.axis.gradNorm, symbol: '‖∂L/∂W‖' }),
    ratio: (runs) => runLineChart(slot('ratio'), s, lang, runs, {
      name: 'grad-ratio', title: w.ratio, yLabel: w.ratioAxis, yScale: 'log', references: [{ y: 1, label: '1' }],
      xDomain: [targetStart(runs), sessionSteps(runs)[1]],
    }),
  });

  return {
    reset(runs) {
      charts.clear();
      charts.build(runs);
      lossHistory.clear();
      ratioHistory.clear();
      shapes = runs;
      lastPhase = new Map(runs.flatMap((r) => (r.phases ? [[r.name, r.phases.at(-1)!.name] as const] : [])));
      labels = new Map(runs.map((r) => [r.name, r.label[lang]]));
      firstOnTargets = new Map();
      readouts.reset(runs);
      layersNote(format(w.layersWaiting, { step: formatNumber(targetStart(runs), lang) }));
    },
    draw(frames) {
      const { charts: c, pending } = charts.get();
      for (const [run, list] of frames) {
        if (firstOnTargets.has(run)) continue;
        const f = list.find((x) => !pretraining(x));
        if (f) firstOnTargets.set(run, f);
      }
      later('loss', () => c.loss?.update(lossHistory.update(frames)));
      later('ratio', () => c.ratio?.update(ratioHistory.update(frames)));
      if (firstOnTargets.size) {
        later('layers', () => c.layers?.update({ values: Object.fromEntries([...firstOnTargets].map(([run, f]) => [run, weightGradNorms(f)])) }));
        layersNote(shapes.filter((r) => firstOnTargets.has(r.name)).map((r) => format(w.layersReadout, { run: labels.get(r.name)!, r: formatNumber(ratioOf(firstOnTargets.get(r.name)!) ?? NaN, lang) })).join(' · '));
      }
      const latest = latestFrames(frames);
      for (const r of shapes) {
        const f = latest.get(r.name);
        const run = labels.get(r.name)!;
        if (!f) {
          readouts.show(r.name, format(w.readoutWaiting, { run, step: formatNumber(r.start ?? 0, lang) }));
        } else if (pretraining(f)) {
          const phase = r.phases!.find((p) => p.name === f.phase)!;
          readouts.show(r.name, format(w.readoutPhase, { run, phase: phase.label[lang], loss: formatNumber(f.loss, lang) }));
        } else {
          readouts.show(r.name, format(w.readout, { run, loss: formatNumber(f.loss, lang), r: formatNumber(ratioOf(f) ?? NaN, lang) }));
        }
      }
      return pending;
    },
  };
};
