/**
 * The reference workload of DESIGN.md, built from the engine itself so the
 * benchmark times what the widgets run: 10 dense layers (2→32, 8 × 32→32,
 * 32→1), sigmoid hidden layers, linear output, Xavier init, batch 256
 * (wave2d regression), MSE, plain SGD, per-layer gradient norms read back
 * every step (one `await data()`), nothing else measured.
 */
import { wave2d } from './data';
import { buildMlp } from './models/mlp';
import { createRng } from './rng';
import { sgd } from './train/optimizers';
import { Trainer } from './train/trainer';

export interface ReferenceWorkload {
  /** One training step; resolves to ‖∂L/∂W_l‖ per layer (input side first). */
  step(): Promise<number[]>;
  /** Loss of the last step. */
  readonly loss: number;
  dispose(): void;
}

export const REFERENCE = { layers: 10, width: 32, batch: 256, lr: 0.1 } as const;

export function createReferenceWorkload(opts: { seed?: number } = {}): ReferenceWorkload {
  const rng = createRng(opts.seed ?? 1);
  const data = wave2d(rng.fork(), REFERENCE.batch);
  const model = buildMlp(
    { inputDim: 2, outputDim: 1, depth: REFERENCE.layers - 1, width: REFERENCE.width, activation: 'sigmoid', init: { name: 'xavier', gain: 1 } },
    rng.fork(),
  );
  const trainer = new Trainer({ model, data, loss: 'mse', optimizer: sgd(REFERENCE.lr), metrics: {} });
  let loss = NaN;
  return {
    async step() {
      const m = await trainer.trainStep();
      loss = m.loss;
      return m.layers.map((l) => l.gradNormW);
    },
    get loss() {
      return loss;
    },
    dispose: () => trainer.dispose(),
  };
}
