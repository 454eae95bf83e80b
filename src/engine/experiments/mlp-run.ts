/** Dataset + MLP + trainer settings → a run of a session: what every MLP experiment shares. */
import { holdOut, type TabularDataset } from '../data';
import { buildMlp, type MlpConfig } from '../models/mlp';
import type { Sequential } from '../models/sequential';
import { sanitizeValues, type Label, type ParamSpecs, type ParamValues } from '../params';
import { createRng, type Rng } from '../rng';
import type { GradientTransform } from '../train/clipping';
import type { LossName } from '../train/losses';
import type { Metric } from '../train/metrics/types';
import type { Optimizer } from '../train/optimizers';
import type { Penalty, Proximal } from '../train/regularization';
import type { MetricOptions } from '../train/trainer';
import type { ComparedParams, Comparison } from './compare';
import type { MainPhase, PhasePlan } from './phases';
import { createSession, type Extras, type RunBuilder } from './run';
import type { Experiment, ExperimentSpec } from './types';

export interface MlpRunConfig {
  name: string;
  label: Label;
  /** Draws the dataset (e.g. `spirals`). */
  data: (rng: Rng) => TabularDataset;
  /** Input/output dims come from the data. */
  mlp: Omit<MlpConfig, 'inputDim' | 'outputDim'>;
  loss: LossName;
  optimizer: Optimizer;
  /** Mini-batch size (default: the whole dataset every step); the shuffle follows the session's seed. */
  batchSize?: number;
  transforms?: GradientTransform[];
  penalties?: Penalty[];
  proximal?: Proximal[];
  metrics: MetricOptions;
  /** Metrics from outside the built-in list (TrainerConfig.plugins). */
  plugins?: readonly Metric<unknown>[];
  extras?: Extras;
  /** An evaluation-mode pass every `every` steps (Frame.eval). */
  evaluate?: { every: number };
  /** The last `heldOut` examples `data` draws are held out, their loss measured every `every` steps (Frame.validation). */
  validate?: { heldOut: number; every: number };
  /** Phases before this run's training of its network (pre-training), and the name of that training; from the network, its data and an Rng of their own. */
  phases?: (net: Sequential, data: TabularDataset, rng: Rng) => { before: PhasePlan[]; phase: MainPhase };
  /** The session step at which the run starts (RunPlan.start). */
  start?: number;
}

export function mlpRun(cfg: MlpRunConfig): RunBuilder {
  return (seed) => {
    // Every run of a session forks the seed's stream the same way: the same data, the same
    // standard-normal weight draws (which each run's init scheme then scales) and, with
    // mini-batches, the same shuffle.
    const rng = createRng(seed);
    const drawn = cfg.data(rng.fork());
    const split = cfg.validate ? holdOut(drawn, cfg.validate.heldOut) : null;
    const data = split?.train ?? drawn;
    const model = buildMlp({ ...cfg.mlp, inputDim: data.inputDim, outputDim: data.outputDim }, rng.fork());
    const phases = cfg.phases?.(model, data, rng.fork());
    return {
      name: cfg.name,
      label: cfg.label,
      trainer: {
        model, data, loss: cfg.loss, optimizer: cfg.optimizer, transforms: cfg.transforms, penalties: cfg.penalties, proximal: cfg.proximal,
        batchSize: cfg.batchSize, shuffleSeed: seed, plugins: cfg.plugins,
      },
      metrics: cfg.metrics,
      extras: cfg.extras,
      ...(cfg.evaluate ? { evaluate: cfg.evaluate } : {}),
      ...(split && cfg.validate ? { validate: { data: split.validation, every: cfg.validate.every } } : {}),
      ...(phases ? { before: phases.before, phase: phases.phase } : {}),
      ...(cfg.start ? { start: cfg.start } : {}),
    };
  };
}

/**
 * An experiment whose runs are MLPs, one per run of its comparison: `run` turns one run's values
 * into its data, model, loss and training settings; the session, its seed and length, and the
 * runs' names and labels follow from the spec and the comparison.
 */
export function mlpComparison<S extends ParamSpecs, K extends keyof S & string>(
  spec: ExperimentSpec<ComparedParams<S, K>>,
  comparison: Comparison<S, K>,
  run: (values: ParamValues<S>) => Omit<MlpRunConfig, 'name' | 'label'>,
): Experiment<ComparedParams<S, K>> {
  return {
    ...spec,
    create(values, { seed, steps }) {
      const runs = comparison.runs(sanitizeValues(spec.params, values));
      return createSession(
        { experiment: spec.id, seed, steps: steps ?? spec.steps },
        runs.map(({ name, label, values: v }) => mlpRun({ name, label, ...run(v) })),
      );
    },
  };
}
