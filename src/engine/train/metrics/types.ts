/**
 * A metric is a plug-in, declared once: what it reads, what it adds to the
 * step's single readback (packer.ts), which frame fields it fills, which of
 * its numbers take part in the non-finite check, and its labels in both
 * languages. The trainer runs the ones a step's MetricOptions ask for and
 * knows none of them by name (index.ts lists the built-in ones).
 *
 * Costs stay what they were as hand-written code: `pack` runs inside the
 * step's tf.tidy (batch per-shape work with stats.ts / batched.ts), `read`
 * is plain JS over the readback.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../activations';
import type { LayerFrame, StepMetrics } from '../../frame';
import type { ParamEntry } from '../../models/registry';
import type { LayerInfo, ProbeSpec } from '../../models/types';
import type { Label } from '../../params';
import type { LossName } from '../losses';
import type { PackedValues, PackSink } from '../packer';

/** What a metric reads. Declared, and acted on where it costs: 'probeGradients' makes the step attach probes. */
export type MetricSource = 'loss' | 'prediction' | 'penalty' | 'gradients' | 'probeGradients' | 'update' | 'weights' | 'records' | 'observed';

/** A frame field a metric fills: on every layer of `StepMetrics.layers`, or on the step. */
export type MetricField =
  | { readonly per: 'layer'; readonly key: Exclude<keyof LayerFrame, 'name'>; readonly label: Label }
  | { readonly per: 'step'; readonly key: Exclude<keyof StepMetrics, 'step' | 'layers' | 'diverged'>; readonly label: Label };

/** Facts fixed for a trainer; metrics that exist only for some trainers (accuracy: classification) decide from these. */
export interface MetricSetup {
  readonly classification: boolean;
  readonly penalties: boolean;
  readonly transforms: boolean;
}

/** A layer whose forward called ctx.record this step. */
export interface RecordedLayer {
  readonly layer: LayerInfo;
  readonly act: Activation;
  /** Pre-activation and activation, [batch, …units]. */
  readonly z: tf.Tensor;
  readonly a: tf.Tensor;
}

/** The step's tensors, as `pack` sees them: after the optimiser's update. */
export interface StepTensors {
  readonly lossName: LossName;
  /** Data loss (without penalties). */
  readonly loss: tf.Scalar;
  readonly pred: tf.Tensor;
  /** This batch's targets. */
  readonly target: tf.Tensor;
  /** Classes of this batch's targets (losses.targetLabels); null for regression. */
  readonly labels: tf.Tensor | null;
  /** Sum of the penalties; null without any. */
  readonly penalty: tf.Scalar | null;
  /** Trainable parameters; their variables already hold the updated values. */
  readonly params: readonly ParamEntry[];
  /** ∂(lossScale·L)/∂θ, aligned with `params` (see Optimizer.lossScale). */
  readonly grads: readonly tf.Tensor[];
  /** ∂(lossScale·L)/∂(probe point), aligned with ReadContext.probes; empty when no probes were attached. */
  readonly probeGrads: readonly tf.Tensor[];
  /** The update direction after the gradient transforms (in units of lossScale·g); null without transforms. */
  readonly update: readonly tf.Tensor[] | null;
  /** In forward order. */
  readonly recorded: readonly RecordedLayer[];
  /** What blocks reported through ForwardContext.observe, by key. */
  readonly observed: ReadonlyMap<string, readonly tf.Tensor[]>;
}

/** What `read` gets beside its own packed values. */
export interface ReadContext {
  readonly layers: readonly LayerInfo[];
  readonly params: readonly ParamEntry[];
  readonly probes: readonly ProbeSpec[];
  /**
   * ‖∂L/∂θ_j‖² per trainable parameter and ‖∂L/∂(probe k)‖² per probe, in
   * float64, loss scale divided out; squares outside float32's range
   * (overflowed, or tiny) already replaced by exact ones (the trainer's
   * second passes). Packed once by the trainer, for every metric.
   */
  readonly gradSq: readonly number[];
  readonly probeSq: readonly number[];
  readonly lossScale: number;
  /** StepTensors.recorded's layers, in the same order (rows of per-layer statistics). */
  readonly recorded: readonly LayerInfo[];
  /** √(Σ sq[j]) over the trainable parameters named (a layer's weights, say); sq indexed as `params`. */
  normOf(names: readonly string[], sq: readonly number[]): number;
}

/** A metric's entry in MetricOptions: its option value when on (`true` for a plain switch). */
export type MetricOption<O> = O | false | null | undefined;

/** O: the option it is given when on; `never` for the metrics that decide alone (`when`), without an entry. */
export interface Metric<O = unknown> {
  /** Its key in MetricOptions. */
  readonly id: string;
  readonly fields: readonly MetricField[];
  readonly reads: readonly MetricSource[];
  /**
   * Whether it runs on a step, from its entry in the step's MetricOptions
   * and the trainer's setup. Default: when the entry is truthy.
   */
  when?(option: MetricOption<O>, setup: MetricSetup): boolean;
  /** Inside the step's tidy: adds its tensors to the step's readback. */
  pack(t: StepTensors, option: O, out: PackSink): void;
  /**
   * Only on a step where some checked value is not finite: packs again,
   * into the diagnosis' readback, what `pack` computes by a fast path that
   * can differ on non-finite input; `read` then reads these values.
   */
  packExact?(t: StepTensors, option: O, out: PackSink): void;
  /** Fills its fields of `frame` from its packed values. */
  read(v: PackedValues, option: O, ctx: ReadContext, frame: StepMetrics): void;
  /** The numbers it wrote that must be finite; any that is not sends the step to the diagnosis (Trainer). */
  checked?(frame: StepMetrics): Iterable<number>;
}

/** Declares a metric, keeping its id's literal type (MetricOptions' keys derive from it). */
export function defineMetric<const Id extends string, O = never>(m: Metric<O> & { readonly id: Id }): Metric<O> & { readonly id: Id } {
  return m;
}
