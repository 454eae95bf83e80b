/**
 * An ExperimentSession over one or more Trainers: steps every run still
 * training, in order, on demand, turns StepMetrics into Frames tagged with
 * the run, and ends each run on its own, after `steps` frames or at its
 * first divergence. Model-agnostic: MLP experiments plan their runs in
 * mlp-run.ts; RNN/LSTM ones will plan a different model and reuse this.
 */
import type { Dataset } from '../data';
import type { Frame } from '../frame';
import type { Label } from '../params';
import type { Model } from '../models/types';
import { Trainer, type MetricOptions, type TrainerConfig } from '../train/trainer';
import type { ExperimentSession, LayerShape, RunShape, RunState } from './types';

/** Numbers an experiment adds to each frame, by name (the name is the `frame.extras` key and a series of the run). */
export type Extras = Readonly<Record<string, (frame: Frame) => number>>;

/** What one run of a session trains and measures. */
export interface RunPlan {
  name: string;
  label: Label;
  trainer: TrainerConfig;
  metrics: MetricOptions;
  extras?: Extras;
  /** An evaluation-mode pass (Frame.eval) before every `every`-th step's update, from step 0: one more readback on those steps. */
  evaluate?: { every: number };
  /** The same over held-out data (Frame.validation), every `every`-th step. */
  validate?: { data: Dataset; every: number };
}

/** Plans a run from the session's seed: every run of a session gets the same one. */
export type RunBuilder = (seed: number) => RunPlan;

export interface SessionConfig {
  experiment: string;
  seed: number;
  /** Frames each run yields at most. */
  steps: number;
}

/** The model's layers as charts see them; a block may say its kind, otherwise the last layer is the output. */
export function layerShapes(model: Model): LayerShape[] {
  return model.layers.map((l, i) => ({
    name: l.name,
    kind: l.kind ?? (i === model.layers.length - 1 ? 'output' : 'dense'),
    units: l.units,
    activation: l.activation,
  }));
}

interface Run {
  readonly shape: RunShape;
  readonly plan: RunPlan;
  readonly trainer: Trainer;
  state: RunState;
}

export function createSession(cfg: SessionConfig, builders: readonly RunBuilder[]): ExperimentSession {
  const runs: Run[] = [];
  try {
    for (const build of builders) {
      const plan = build(cfg.seed);
      if (runs.some((r) => r.shape.name === plan.name)) throw new Error(`${cfg.experiment}: two runs named "${plan.name}"`);
      const trainer = new Trainer(plan.trainer);
      runs.push({
        plan,
        trainer,
        state: cfg.steps > 0 ? 'training' : 'done',
        shape: {
          name: plan.name,
          label: plan.label,
          layers: layerShapes(trainer.model),
          series: [...trainer.fields(plan.metrics), ...Object.keys(plan.extras ?? {})],
          paramCount: trainer.registry.size(),
          dataset: plan.trainer.data.name,
          loss: plan.trainer.loss,
          steps: cfg.steps,
          seed: cfg.seed,
        },
      });
    }
  } catch (error) {
    for (const r of runs) r.trainer.dispose();
    throw error;
  }

  let disposed = false;
  // Steps change the weights, so calls to next() are queued, never interleaved.
  let queue: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  const training = () => runs.filter((r) => r.state === 'training');

  async function stepRun(run: Run): Promise<Frame> {
    const every = run.plan.evaluate?.every;
    // before the step: its update would move the weights (and batch norm's running statistics) on
    const evaluation = every && run.trainer.step % every === 0 ? await run.trainer.evaluate() : undefined;
    const v = run.plan.validate;
    const validation = v && run.trainer.step % v.every === 0 ? await run.trainer.evaluate(v.data) : undefined;
    const m = await run.trainer.trainStep(run.plan.metrics);
    const frame: Frame = { experiment: cfg.experiment, run: run.shape.name, ...m, ...(evaluation ? { eval: evaluation } : {}), ...(validation ? { validation } : {}) };
    const extras = Object.entries(run.plan.extras ?? {});
    if (extras.length) frame.extras = Object.fromEntries(extras.map(([name, f]) => [name, f(frame)]));
    if (frame.diverged) run.state = 'diverged';
    else if (run.trainer.step >= cfg.steps) run.state = 'done';
    return frame;
  }

  async function step(): Promise<Frame[]> {
    if (disposed) throw new Error(`${cfg.experiment}: session disposed`);
    const frames: Frame[] = [];
    for (const run of training()) frames.push(await stepRun(run));
    return frames;
  }

  const freeAll = () => runs.forEach((r) => r.trainer.dispose());

  return {
    runs: runs.map((r) => r.shape),
    state(name) {
      const run = runs.find((r) => r.shape.name === name);
      if (!run) throw new Error(`${cfg.experiment}: no run "${name}"`);
      return run.state;
    },
    get done() {
      return training().length === 0;
    },
    next() {
      inFlight++;
      const p = queue.then(step).finally(() => {
        inFlight--;
        if (disposed && inFlight === 0) freeAll();
      });
      queue = p.catch(() => undefined);
      return p;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // Idle: free now. Otherwise the last queued step frees on settling.
      if (inFlight === 0) freeAll();
    },
  };
}
