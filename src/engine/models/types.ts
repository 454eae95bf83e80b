/**
 * The shapes every model is built from. A model is a list of blocks; a block
 * declares its parameters (by name, in a registry) and its probe points, and
 * its forward reads parameters and reports what it computed through a
 * ForwardContext. Batch norm (state that is not trained), residual blocks
 * (blocks holding blocks) and RNN/LSTM cells (several weights per layer,
 * one probe per time step) fit these shapes as they are.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ActivationName, ActivationShape } from '../activation-math';
import type { BlockSpec } from '../reproduce/spec';

/** What a parameter is for: metrics group them by it (gradNormW vs gradNormB), regularisers pick weights. */
export type ParamRole = 'weight' | 'bias' | 'scale' | 'shift' | 'state';

export interface ParamDecl {
  /** Unique within the model, e.g. 'dense3/W'. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
  readonly role: ParamRole;
  /** The reporting layer it belongs to (LayerInfo.name). */
  readonly layer: string;
  /** false for running statistics and the like: kept in the registry, not differentiated. */
  readonly trainable?: boolean;
}

/**
 * What a reporting layer is, for charts that label and group layers: a plain
 * dense layer, the output layer, a dense layer with batch norm, a dense
 * layer inside a residual branch (with batch norm or without), a recurrent
 * layer unrolled over time (models/recurrent.ts).
 */
export type LayerKind = 'dense' | 'output' | 'batchnorm' | 'residual' | 'recurrent';

/**
 * A layer as the metrics see it: one row in the per-layer charts. Its
 * gradient norms combine all of its weights (resp. biases), so an LSTM layer
 * with four gate matrices is still one row.
 */
export interface LayerInfo {
  readonly name: string;
  readonly index: number;
  readonly units: number;
  readonly activation: ActivationName;
  /** Leaky ReLU's slope k or ELU's α, when that is the activation. */
  readonly shape?: ActivationShape;
  /** Its weights (batch norm's scale γ with them, as PyTorch's `bn.weight`) and biases (β with them). */
  readonly weights: readonly string[];
  readonly biases: readonly string[];
  readonly kind?: LayerKind;
}

/** A zero tensor added at a named point of the forward pass; its gradient is ∂L/∂(that point). */
export interface ProbeSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** The layer it belongs to, for per-layer metrics (∂L/∂a_l). */
  readonly layer?: string;
  /** For a recurrent layer's state at time step `time` (1…T): which state, h or the LSTM's cell c. Per-layer metrics skip these. */
  readonly time?: number;
  readonly state?: 'h' | 'c';
}

/** See ForwardContext.retain. */
export type Retain = <T extends tf.Tensor>(t: T) => T;

export interface ForwardContext {
  /** The tensor for a parameter: the one being differentiated in this pass. */
  param(name: string): tf.Tensor;
  /** Returns t + probe(name) when that probe is active this pass, otherwise t itself. */
  probe(name: string, t: tf.Tensor): tf.Tensor;
  /**
   * The zero tensor of probe `name` when it is active this pass, else null: for an op that
   * adds the probe inside itself (ops/lstm-cell.ts), where `probe` cannot reach.
   */
  probeTensor(name: string): tf.Tensor | null;
  /** Reports a layer's pre-activation z and activation a, for statistics; cheap no-op when nobody listens. */
  record(layer: string, pre: tf.Tensor, post: tf.Tensor): void;
  /**
   * Keeps t, an intermediate of this forward pass, alive until the step's
   * gradients have been taken, for a custom-gradient op whose backward reads
   * it (see ops/retained.ts). Returns t.
   */
  retain: Retain;
  /** A constant made once by `make` and reused by every step (e.g. a row of ones); the trainer disposes it. */
  constant(key: string, make: () => tf.Tensor): tf.Tensor;
  /** Whether t is data (the input batch), not a function of what is differentiated: its gradient can be skipped. */
  isData(t: tf.Tensor): boolean;
  /** false for evaluation passes (batch norm uses its running statistics then). */
  readonly training: boolean;
  /**
   * Non-trainable state (a ParamDecl with trainable: false, e.g. batch norm's
   * running mean): the new value this training pass computed. The trainer
   * keeps it and assigns it to the variable `name` after the optimiser's
   * update; outside training it is never called.
   */
  setState(name: string, value: tf.Tensor): void;
  /**
   * Tensors a block hands to the metrics (e.g. the LSTM's gate values, for
   * the mean forget gate): kept until the step's readback, where a metric
   * may reduce them in its `pack` (StepTensors.observed), after the
   * backward pass: ops there are not recorded on the tape, whose nodes copy
   * what they save. A no-op outside training.
   */
  observe(key: string, values: readonly tf.Tensor[]): void;
}

export interface Block {
  readonly name: string;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  /** Probe points for a batch of this size. */
  probes(batchSize: number): ProbeSpec[];
  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor;
  /** What it computes, for another framework (reproduce/): every block of the site's models has one. */
  describe?(): BlockSpec;
}

export interface Model {
  readonly blocks: readonly Block[];
  readonly layers: readonly LayerInfo[];
  readonly inputDim: number;
  readonly outputDim: number;
  probes(batchSize: number): ProbeSpec[];
  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor;
}
