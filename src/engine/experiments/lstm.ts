/**
 * Runs lstm.spec.ts: per run a recurrent layer (models/recurrent.ts) and a linear output
 * on the adding problem, MSE, Adam, mini-batches. Both runs draw the same data and batches
 * (the session's seed); their weights differ in shape, so each draws its own.
 */
import { addingProblem } from '../data';
import { Dense } from '../models/dense';
import { Recurrent } from '../models/recurrent';
import { Sequential } from '../models/sequential';
import { sanitizeValues } from '../params';
import { createRng } from '../rng';
import { adam } from '../train/optimizers';
import { createSession, type RunBuilder } from './run';
import { LSTM_TASK, lstmComparison, lstmSpec } from './lstm.spec';
import type { Experiment } from './types';

/** ‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖: how much of the last step's gradient reaches the first. */
export const firstOverLastStep = (f: { gradNormH?: number[] }) => {
  const h = f.gradNormH ?? [];
  return h.length ? h[0]! / h.at(-1)! : NaN;
};

export const lstm: Experiment<typeof lstmSpec.params> = {
  ...lstmSpec,
  create(values, { seed, steps }) {
    const runs = lstmComparison.runs(sanitizeValues(lstmSpec.params, values));
    const builders: RunBuilder[] = runs.map(({ name, label, values: v }) => (s) => {
      const rng = createRng(s);
      const data = addingProblem(rng.fork(), v.length, LSTM_TASK.examples);
      const weights = rng.fork();
      const H = LSTM_TASK.units;
      const rec = new Recurrent({ name: v.cell, cell: v.cell, inDim: data.features, units: H, length: v.length, recurrentInit: v.recurrentInit, gain: v.gain, forgetBias: v.forgetBias }, weights);
      const out = new Dense({ name: 'output', inDim: H, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 }, kind: 'output' }, weights);
      return {
        name,
        label,
        trainer: {
          model: new Sequential([rec, out], data.features, 1),
          data, loss: 'mse', optimizer: adam(v.lr), batchSize: LSTM_TASK.batch, shuffleSeed: s,
        },
        metrics: { timeGrads: true, tolerance: LSTM_TASK.tolerance, ...(v.cell === 'lstm' ? { cellGrads: true, forgetGate: true } : {}) },
        extras: { firstOverLastStep },
      };
    });
    return createSession({ experiment: lstmSpec.id, seed, steps: steps ?? lstmSpec.steps }, builders);
  },
};
