/** The contract between an experiment (one per widget) and whoever runs it: the worker, the CLI, the tests. */
import type { Frame } from '../frame';
import type { Label, ParamSpecs, ParamValues } from '../params';

/**
 * What the page needs before any training: identity, labels and declared
 * parameters (controls, URL state, CLI flags all derive from `params`).
 * Specs import no tfjs, so the main thread can load them cheaply
 * (experiments/specs.ts); the runnable Experiment adds `create` (index.ts).
 */
export interface ExperimentSpec<S extends ParamSpecs = ParamSpecs> {
  readonly id: string;
  /** The chapter slug whose widget runs it. */
  readonly chapter: string;
  readonly title: Label;
  readonly params: S;
  /** How many steps one run goes by default. */
  readonly steps: number;
}

export interface RunOptions {
  seed: number;
  /** Frames the run yields before `done`; defaults to the experiment's `steps`. */
  steps?: number;
}

/** Static facts about a run, known before the first step (for axes, legends, captions). */
export interface RunInfo {
  experiment: string;
  layers: { name: string; units: number; activation: string }[];
  paramCount: number;
  dataset: string;
  loss: string;
  steps: number;
  seed: number;
}

export interface ExperimentRun {
  readonly info: RunInfo;
  /**
   * Trains one step and reports it. Calls are queued, never interleaved.
   * After `done`, resolves to the last frame again without training; after
   * `dispose`, rejects.
   */
  next(): Promise<Frame>;
  /** True after `steps` frames, or after the frame that reported `diverged`. */
  readonly done: boolean;
  /** Frees every tensor of the run (after a step in flight settles); safe to call twice. */
  dispose(): void;
}

export interface Experiment<S extends ParamSpecs = ParamSpecs> extends ExperimentSpec<S> {
  /** Allocates the run's tensors; nothing trains until `next()`. */
  create(values: ParamValues<S>, opts: RunOptions): ExperimentRun;
}
