/** Dataset + MLP + trainer → an ExperimentRun: what every MLP experiment shares. */
import type { TabularDataset } from '../data';
import { buildMlp, type MlpConfig } from '../models/mlp';
import type { Rng } from '../rng';
import type { GradientTransform } from '../train/clipping';
import type { LossName } from '../train/losses';
import type { Optimizer } from '../train/optimizers';
import type { Penalty } from '../train/regularization';
import { Trainer } from '../train/trainer';
import { createRun, type RunConfig } from './run';
import type { ExperimentRun } from './types';

export interface MlpRunConfig extends RunConfig {
  seed: number;
  data: TabularDataset;
  /** Input/output dims come from the data. */
  mlp: Omit<MlpConfig, 'inputDim' | 'outputDim'>;
  weightsRng: Rng;
  loss: LossName;
  optimizer: Optimizer;
  transforms?: GradientTransform[];
  penalties?: Penalty[];
}

export function createMlpRun(cfg: MlpRunConfig): ExperimentRun {
  const model = buildMlp({ ...cfg.mlp, inputDim: cfg.data.inputDim, outputDim: cfg.data.outputDim }, cfg.weightsRng);
  const trainer = new Trainer({
    model, data: cfg.data, loss: cfg.loss, optimizer: cfg.optimizer,
    transforms: cfg.transforms, penalties: cfg.penalties,
  });
  return createRun(trainer, {
    experiment: cfg.experiment,
    layers: model.layers.map((l) => ({ name: l.name, units: l.units, activation: l.activation })),
    paramCount: trainer.registry.size(),
    dataset: cfg.data.name,
    loss: cfg.loss,
    steps: cfg.steps,
    seed: cfg.seed,
  }, cfg);
}
