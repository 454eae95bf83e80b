/**
 * An ExperimentSession over one or more Trainers: steps every run still
 * training, in order, on demand, turns StepMetrics into Frames tagged with
 * the run, and ends each run on its own, after `steps` frames or at its
 * first divergence. A run may train in phases (phases.ts) and may start
 * late, beside another run's last phase: frames count the session's steps.
 * Model-agnostic: MLP experiments plan their runs in mlp-run.ts, recurrent
 * ones in lstm.ts.
 */
import type { Dataset } from '../data';
import type { Frame, StepMetrics } from '../frame';
import type { Label } from '../params';
import type { Model } from '../models/types';
import { Trainer, type MetricOptions, type TrainerConfig } from '../train/trainer';
import { describeRun } from '../reproduce/describe';
import { copyShared, type MainPhase, type PhasePlan } from './phases';
import type { ExperimentSession, LayerShape, PhaseShape, RunShape, RunState } from './types';

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
  /** Phases trained before the run's own trainer (`trainer` is then its last phase, `phase` names it). */
  before?: readonly PhasePlan[];
  phase?: MainPhase;
  /** The session step at which the run starts (default 0): e.g. beside another run's last phase. */
  start?: number;
}

/** Plans a run from the session's seed: every run of a session gets the same one. */
export type RunBuilder = (seed: number) => RunPlan;

export interface SessionConfig {
  experiment: string;
  seed: number;
  /** Frames each run's own trainer yields at most (its earlier phases have lengths of their own). */
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
  /** The run's own trainer: its last phase. */
  readonly trainer: Trainer;
  /** Earlier phases not begun yet, in order. */
  readonly pending: PhasePlan[];
  /** The earlier phase training now, if any. */
  current: { plan: PhasePlan; trainer: Trainer; metrics: MetricOptions } | null;
  state: RunState;
}

/** A run's phases on the session's steps, when it names them. */
function phaseShapes(plan: RunPlan, steps: number): PhaseShape[] | undefined {
  if (!plan.phase && !plan.before?.length) return undefined;
  const shapes: PhaseShape[] = [];
  let start = plan.start ?? 0;
  for (const p of [...(plan.before ?? []), { ...(plan.phase ?? { name: 'main', label: plan.label }), steps }]) {
    shapes.push({ name: p.name, label: p.label, start, steps: p.steps });
    start += p.steps;
  }
  return shapes;
}

export function createSession(cfg: SessionConfig, builders: readonly RunBuilder[]): ExperimentSession {
  const runs: Run[] = [];
  try {
    for (const build of builders) {
      const plan = build(cfg.seed);
      if (runs.some((r) => r.shape.name === plan.name)) throw new Error(`${cfg.experiment}: two runs named "${plan.name}"`);
      if (plan.before?.some((p) => !(p.steps > 0))) throw new Error(`${cfg.experiment}: a phase of run "${plan.name}" without steps`);
      const trainer = new Trainer(plan.trainer);
      const phases = phaseShapes(plan, cfg.steps);
      const before = (plan.before ?? []).reduce((n, p) => n + p.steps, 0);
      runs.push({
        plan,
        trainer,
        pending: [...(plan.before ?? [])],
        current: null,
        state: cfg.steps > 0 ? 'training' : 'done',
        shape: {
          name: plan.name,
          label: plan.label,
          layers: layerShapes(trainer.model),
          series: [...trainer.fields(plan.metrics), ...Object.keys(plan.extras ?? {})],
          paramCount: trainer.registry.size(),
          dataset: plan.trainer.data.name,
          loss: plan.trainer.loss,
          steps: before + cfg.steps,
          ...(plan.start ? { start: plan.start } : {}),
          ...(phases ? { phases } : {}),
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
  /** Steps the session has taken: the `step` of the frames the next one yields. */
  let clock = 0;
  const training = () => runs.filter((r) => r.state === 'training');
  /** A run's step as a frame, on the session's steps (a phase's trainer counts its own from 0). */
  const frameOf = (run: Run, m: StepMetrics, phase: string | undefined): Frame => ({
    experiment: cfg.experiment, run: run.shape.name, ...m, step: clock,
    ...(m.diverged ? { diverged: { ...m.diverged, step: clock } } : {}),
    ...(phase ? { phase } : {}),
  });

  /** One step of the earlier phase the run is in, beginning it first if need be; at its end its shared weights go to the run's trainer. */
  async function stepPhase(run: Run): Promise<Frame> {
    if (!run.current) {
      const plan = run.pending.shift()!;
      const { trainer: config, metrics } = await plan.begin(run.trainer);
      const trainer = new Trainer(config);
      // Parameters it shares with the run start where the run's trainer holds them.
      copyShared(run.trainer.registry, trainer.registry);
      run.current = { plan, metrics, trainer };
    }
    const { plan, trainer, metrics } = run.current;
    const m = await trainer.trainStep(metrics);
    const frame = frameOf(run, m, plan.name);
    if (frame.diverged) {
      run.state = 'diverged';
    } else if (trainer.step >= plan.steps) {
      copyShared(trainer.registry, run.trainer.registry);
      trainer.dispose();
      run.current = null;
    }
    return frame;
  }

  async function stepRun(run: Run): Promise<Frame> {
    if (run.current || run.pending.length) return stepPhase(run);
    const every = run.plan.evaluate?.every;
    // before the step: its update would move the weights (and batch norm's running statistics) on
    const evaluation = every && run.trainer.step % every === 0 ? await run.trainer.evaluate() : undefined;
    const v = run.plan.validate;
    const validation = v && run.trainer.step % v.every === 0 ? await run.trainer.evaluate(v.data) : undefined;
    const m = await run.trainer.trainStep(run.plan.metrics);
    const frame: Frame = { ...frameOf(run, m, run.plan.phase?.name), ...(evaluation ? { eval: evaluation } : {}), ...(validation ? { validation } : {}) };
    const extras = Object.entries(run.plan.extras ?? {});
    if (extras.length) frame.extras = Object.fromEntries(extras.map(([name, f]) => [name, f(frame)]));
    if (frame.diverged) run.state = 'diverged';
    else if (run.trainer.step >= cfg.steps) run.state = 'done';
    return frame;
  }

  async function step(): Promise<Frame[]> {
    if (disposed) throw new Error(`${cfg.experiment}: session disposed`);
    const frames: Frame[] = [];
    for (const run of training()) if (clock >= (run.plan.start ?? 0)) frames.push(await stepRun(run));
    clock += 1;
    return frames;
  }

  const freeAll = () => runs.forEach((r) => {
    r.current?.trainer.dispose();
    r.trainer.dispose();
  });

  return {
    runs: runs.map((r) => r.shape),
    describe: () => runs.map((r) => describeRun(r.plan, cfg.steps)),
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
