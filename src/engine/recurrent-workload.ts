/**
 * The recurrent reference workload of issue 9, built from the engine itself so the benchmark
 * times what the lstm widget runs: an LSTM layer (hidden 32, forget bias 1) unrolled over
 * T = 50 steps and a linear output, the adding problem, mini-batches of 64, MSE, Adam 0.01,
 * ‖∂L/∂h_t‖ for every t read back every step (one `await data()`).
 */
import { addingProblem } from './data';
import { Dense } from './models/dense';
import { Recurrent } from './models/recurrent';
import { Sequential } from './models/sequential';
import { createRng } from './rng';
import { adam } from './train/optimizers';
import { Trainer } from './train/trainer';

export const RECURRENT_REFERENCE = { units: 32, length: 50, batch: 64, examples: 2048, lr: 0.01, forgetBias: 1 } as const;

export interface RecurrentWorkload {
  /** One training step; resolves to ‖∂L/∂h_t‖ for t = 1…T. */
  step(): Promise<number[]>;
  /** Loss of the last step. */
  readonly loss: number;
  dispose(): void;
}

/** The workload's data and initial weights, for an implementation outside tfjs to start from the same point. */
export function recurrentReferenceSetup(seed = 1) {
  const R = RECURRENT_REFERENCE;
  const rng = createRng(seed);
  const data = addingProblem(rng.fork(), R.length, R.examples);
  const weights = rng.fork();
  const lstm = new Recurrent({ name: 'lstm', cell: 'lstm', inDim: data.features, units: R.units, length: R.length, forgetBias: R.forgetBias }, weights);
  const output = new Dense({ name: 'output', inDim: R.units, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 }, kind: 'output' }, weights);
  return { data, model: new Sequential([lstm, output], data.features, 1), seed };
}

export function createRecurrentWorkload(opts: { seed?: number } = {}): RecurrentWorkload {
  const { data, model, seed } = recurrentReferenceSetup(opts.seed);
  const R = RECURRENT_REFERENCE;
  const trainer = new Trainer({ model, data, loss: 'mse', optimizer: adam(R.lr), batchSize: R.batch, shuffleSeed: seed, metrics: { timeGrads: true } });
  let loss = NaN;
  return {
    async step() {
      const m = await trainer.trainStep();
      loss = m.loss;
      return m.gradNormH!;
    },
    get loss() {
      return loss;
    },
    dispose: () => trainer.dispose(),
  };
}
