/** The contract between an experiment (one per widget) and whoever runs it: the worker, the CLI, the tests. */
import type { Frame } from '../frame';
import type { LayerKind } from '../models/types';
import type { Label, ParamSpecs, ParamValues } from '../params';
import type { RunSpec } from '../reproduce/spec';

/**
 * What the page needs before any training: identity, labels and declared
 * parameters (controls, URL state, CLI flags all derive from `params`).
 * Specs import no tfjs, so the main thread can load them cheaply; the
 * runnable Experiment adds `create`.
 */
export interface ExperimentSpec<S extends ParamSpecs = ParamSpecs> {
  readonly id: string;
  /** The chapter slug whose widget runs it. */
  readonly chapter: string;
  readonly title: Label;
  readonly params: S;
  /** How many steps one run goes by default. */
  readonly steps: number;
  /**
   * The seed its widget and the CLI start from (default SEED_PARAM's, 1): for an experiment
   * whose chapter quotes a random draw, one whose draw is typical rather than an outlier,
   * and the chapter says so.
   */
  readonly seed?: number;
}

export interface RunOptions {
  seed: number;
  /** Frames each run yields before `done`; defaults to the experiment's `steps`. */
  steps?: number;
}

/** A layer of a run's model, as the charts see it: one row / bar / panel. */
export interface LayerShape {
  /** 'dense1' … 'output', unique within the run, in forward order. */
  name: string;
  /** What the block is: charts label and group by it. */
  kind: LayerKind;
  units: number;
  /** Activation name ('sigmoid', 'relu', 'linear', …). */
  activation: string;
}

/**
 * Static facts about one run, known before its first step and sent to the
 * page when a session starts: views build their charts from this, never from
 * a guess based on the parameters.
 */
export interface RunShape {
  /** Id of the run within its session: 'a', and 'b' when a comparison is on (compare.ts). */
  name: string;
  /** What this run is, for legends: the letter and the values compared, "A · Sigmoid · Xavier · gain 1". */
  label: Label;
  layers: LayerShape[];
  /**
   * Frame fields this run's frames carry (a run in phases: the frames of its last phase; the earlier ones carry the metrics always on): top-level ('loss', 'accuracy', 'globalNorm', …), per layer
   * ('gradNormW', 'gradNormAct', 'act', 'histogram', …) and `extras` keys ('firstOverLast').
   */
  series: string[];
  paramCount: number;
  dataset: string;
  loss: string;
  /** Frames the run yields in all (its earlier phases' included). */
  steps: number;
  /** The session step of its first frame (default 0): a run that trains beside another run's last phase starts late. */
  start?: number;
  /** Its phases in order, when the run names them (pre-training, then fine-tuning): charts mark their bounds. */
  phases?: PhaseShape[];
  seed: number;
}

/** A phase of a run, as charts mark it: frames `start` … `start + steps − 1` carry `phase: name`. */
export interface PhaseShape {
  name: string;
  label: Label;
  /** The session step of its first frame. */
  start: number;
  steps: number;
}

/** How one run of a session stands. */
export type RunState = 'training' | 'done' | 'diverged';

/**
 * One or more named runs trained in lockstep on the same seed, data order
 * and (where shapes agree) initial weights, differing in the one thing the
 * widget is about. Divergence is per run: the run that blew up stops, the
 * others go on.
 */
export interface ExperimentSession {
  readonly runs: readonly RunShape[];
  /** Each run as planned, from its initial weights, for another framework (reproduce/). */
  describe(): RunSpec[];
  /**
   * Trains one step of every run still training and returns their frames
   * (each tagged with `run`), in `runs` order. Calls are queued, never
   * interleaved. After `done`, resolves to [] without training; after
   * `dispose`, rejects.
   */
  next(): Promise<Frame[]>;
  /** The state of each run, by name. */
  state(run: string): RunState;
  /** True when no run is training any more. */
  readonly done: boolean;
  /** Frees every tensor of every run (after a step in flight settles); safe to call twice. */
  dispose(): void;
}

export interface Experiment<S extends ParamSpecs = ParamSpecs> extends ExperimentSpec<S> {
  /** Allocates the runs' tensors; nothing trains until `next()`. */
  create(values: ParamValues<S>, opts: RunOptions): ExperimentSession;
}
