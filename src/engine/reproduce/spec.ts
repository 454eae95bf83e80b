/**
 * A run written down for another framework (Reproduce in PyTorch): its model as a list of
 * block descriptions, its initial parameters, its data and the order it sees it in, its loss,
 * optimiser, gradient transforms and penalties, its evaluations and phases. Everything random
 * is exported as drawn (float32, base64), so the other side needs no generator of ours.
 * Plain JSON: the worker posts it, the CLI prints it, runtime.py reads it.
 */
import type { ActivationName } from '../activation-math';
import type { Label } from '../params';

/** Bumped when a field changes meaning: runtime.py refuses other versions. */
export const REPRODUCTION_FORMAT = 1;

/** float32 values, little-endian, base64: exact and about a third the size of decimal JSON. */
export type Float32Base64 = string;

export interface BatchNormSpec {
  placement: 'bn-before' | 'bn-after';
  gamma: string;
  beta: string;
  mean: string;
  var: string;
  eps: number;
  momentum: number;
}

export interface DenseSpec {
  type: 'dense';
  name: string;
  weight: string;
  bias: string;
  activation: ActivationName;
  /** Leaky ReLU's slope, ELU's α, when that is the activation. */
  slope?: number;
  alpha?: number;
  norm?: BatchNormSpec;
}

/** h + scale·F(h), F the branch's dense layers in order. */
export interface ResidualSpec {
  type: 'residual';
  scale: number;
  branch: DenseSpec[];
}

/** An RNN or LSTM unrolled over `length` steps from zero state; gates i, f, g, o; outputs h_T. */
export interface RecurrentSpec {
  type: 'recurrent';
  name: string;
  cell: 'rnn' | 'lstm';
  length: number;
  units: number;
  wx: string;
  wh: string;
  b: string;
}

/** x̂ = h·Wᵀ + c, W another block's weight. */
export interface TiedDecoderSpec {
  type: 'tied-decoder';
  name: string;
  weight: string;
  bias: string;
}

export type BlockSpec = DenseSpec | ResidualSpec | RecurrentSpec | TiedDecoderSpec;

/** A reporting layer: one row of per-layer gradient norms, over these parameters. */
export interface LayerSpec {
  name: string;
  weights: string[];
  biases: string[];
}

export interface ModelSpec {
  blocks: BlockSpec[];
  /** The parameters its blocks declare, in order: what its trainer trains (those trainable). */
  params: string[];
  layers: LayerSpec[];
}

export interface ParamOut {
  name: string;
  shape: number[];
  role: 'weight' | 'bias' | 'scale' | 'shift' | 'state';
  trainable: boolean;
  values: Float32Base64;
}

export type DataSpec =
  | { kind: 'tabular'; name: string; n: number; inputDim: number; outputDim: number; x: Float32Base64; y: Float32Base64 }
  /** x example-major, [n, length·features] (the model reads it time-major). */
  | { kind: 'sequence'; name: string; n: number; length: number; features: number; outputDim: number; x: Float32Base64; y: Float32Base64 };

export type OptimizerSpec =
  | { name: 'sgd'; lr: number; /** Linear warm-up to lr over this many updates (train/schedule.ts). */ warmup?: number }
  | { name: 'momentum'; lr: number; momentum: number }
  | { name: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number };

export type TransformSpec = { type: 'clip-value'; c: number } | { type: 'clip-norm'; c: number };

/** λ·Σw² or λ·Σ|w| over parameters whose role is 'weight'. */
export type PenaltySpec = { type: 'l2' | 'l1'; lambda: number };

/** L1 by its soft-threshold step after each update: w ← sign(w)·max(|w| − lr·λ, 0), weights only. */
export type ProximalSpec = { type: 'l1-proximal'; lambda: number; lr: number };

export type LossName = 'mse' | 'sigmoid-ce' | 'softmax-ce';

/** An earlier phase of a run (pre-training): its own model view, data, loss and a fresh optimiser. */
export interface PhaseSpec {
  name: string;
  steps: number;
  model: ModelSpec;
  /** Its parameters the run's model lacks (a decoder's bias); the rest are the run's, shared by name. */
  params: ParamOut[];
  /** Its data: the run's inputs through these dense blocks of the run's model (evaluation mode, weights as they are when the phase begins), as input and target. */
  through: string[];
  loss: LossName;
  optimizer: OptimizerSpec;
}

export interface RunSpec {
  name: string;
  label: Label;
  /** The session step of its first frame. */
  start: number;
  /** Steps of its own training, after its phases. */
  steps: number;
  phase?: string;
  phases: PhaseSpec[];
  model: ModelSpec;
  params: ParamOut[];
  data: DataSpec;
  /** Mini-batches: the example indices of each step, steps × size, int32 base64; absent for full batches. */
  batches?: { size: number; indices: string };
  loss: LossName;
  /** A regression's accuracy: the share of predictions within this of their target. */
  tolerance?: number;
  optimizer: OptimizerSpec;
  transforms: TransformSpec[];
  penalties: PenaltySpec[];
  proximal: ProximalSpec[];
  /** An evaluation-mode pass over the training data before every `every`-th step's update. */
  evaluate?: { every: number };
  /** The same over held-out data. */
  validate?: { every: number; data: DataSpec };
}

export interface Reproduction {
  format: typeof REPRODUCTION_FORMAT;
  experiment: string;
  title: Label;
  values: Record<string, number | string | boolean>;
  seed: number;
  /** The site's package version. */
  engine: string;
  runs: RunSpec[];
}
