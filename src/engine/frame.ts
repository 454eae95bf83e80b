/**
 * What a run reports after each step: a plain object (numbers, strings,
 * arrays) that survives postMessage and JSON. Non-finite numbers are
 * possible (that is the subject of chapter 3): postMessage keeps them;
 * JSON.stringify would turn them into null, so use `frameToJson` /
 * `frameFromJson`, which write them as the strings "Infinity", "-Infinity", "NaN"
 * (and round to float32's 7 significant digits).
 */

/** Statistics of one layer's activations a = f(z) over the batch. */
export interface ActivationStats {
  mean: number;
  std: number;
  /** Share of (sample, unit) entries in a flat tail, f′(z) < 1 % of peak (sigmoid, tanh, elu only; see activations.ts). */
  saturated: number;
  /** Share of units flat (f′(z) < 1 % of peak) for every sample of the batch: dead ReLUs, fully saturated sigmoids. */
  dead: number;
}

/** Histogram of a layer's pre-activations z over fixed bins: counts[i] covers [lo + i·w, lo + (i+1)·w), w = (hi − lo)/bins. */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
  /** Entries below lo / at or above hi (kept apart so the bins stay honest). */
  under: number;
  over: number;
}

/** Each field but `name` is filled by a metric plug-in (train/metrics/), which declares it. */
export interface LayerFrame {
  /** Layer name ('dense1' … 'output'), in forward order. */
  name: string;
  /** ‖∂L/∂W‖ (Frobenius; all weight matrices of the layer together). */
  gradNormW: number;
  /** ‖∂L/∂b‖. */
  gradNormB: number;
  /** ‖∂L/∂a‖ over the batch, a = the layer's output (from a probe). */
  gradNormAct?: number;
  /** ‖W‖ after this step's update. */
  weightNorm?: number;
  /** The share of the layer's weights with |w| below the sparsity threshold, after the update. */
  sparsity?: number;
  act?: ActivationStats;
  histogram?: Histogram;
}

/** Which value went non-finite first, in the order the step computes them. */
export type DivergenceQuantity = 'activation' | 'loss' | 'gradient' | 'weight';

export interface Divergence {
  step: number;
  quantity: DivergenceQuantity;
  /** Layer index in `layers` (forward order), null for the loss. */
  layer: number | null;
  layerName: string | null;
  /** Parameter or probe name for 'gradient' / 'weight' (e.g. 'dense3/W', or 'dense3' for ∂L/∂a). */
  param?: string;
  /** The offending value kind: 'nan' or 'inf' (NaN wins when both). */
  value: 'nan' | 'inf';
}

/**
 * One training step: the gradients at the weights before the update (step 0 =
 * at initialisation), then the update. Fields but `step`, `layers` and
 * `diverged` (the trainer's) are filled by metric plug-ins (train/metrics/).
 */
export interface StepMetrics {
  step: number;
  /** Data loss, without regularisation penalties. */
  loss: number;
  /** Sum of the penalties, when any. */
  penalty?: number;
  /** The penalties' share of the total loss, penalty ÷ (loss + penalty). */
  penaltyShare?: number;
  /** The share of all weights (not biases) with |w| below the sparsity threshold, after the update. */
  overallSparsity?: number;
  /** Training accuracy, for classification. */
  accuracy?: number;
  /** ‖∂L/∂θ‖ over all trainable parameters (raw, before clipping). */
  globalNorm: number;
  /** Global norm of the update direction after gradient transforms (clipping), when any. */
  appliedNorm?: number;
  /**
   * A recurrent layer's ‖∂L/∂h_t‖ over the batch for t = 1…T (index t − 1), and the LSTM's
   * ‖∂L/∂c_t‖: series over time, each step's gradient through every later step (metrics/time.ts).
   */
  gradNormH?: number[];
  gradNormC?: number[];
  /** The LSTM's forget gate f_t, averaged over the batch, the units and the time steps. */
  forgetGate?: number;
  layers: LayerFrame[];
  /** Present on the step where a value first went non-finite; the run stops there. */
  diverged?: Divergence;
}

export interface Frame extends StepMetrics {
  experiment: string;
  /** The run of the session this frame belongs to (RunShape.name). */
  run: string;
  /**
   * The run's phase (RunShape.phases), when it names them. `step` is then the session's step,
   * counted across phases (each phase's trainer counts its own from 0).
   */
  phase?: string;
  /**
   * An evaluation-mode pass over the training data at the weights this frame's gradients were
   * taken at (batch norm on its running statistics), on the steps a run asks for one.
   */
  eval?: { loss: number; accuracy?: number };
  /** The same pass over the run's held-out data (RunPlan.validate), on the steps it asks for one. */
  validation?: { loss: number; accuracy?: number };
  /** Numbers particular to an experiment, by name. */
  extras?: Record<string, number>;
}

function replacer(_key: string, v: unknown): unknown {
  if (typeof v !== 'number' || Number.isInteger(v)) return v;
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  // Values come from float32: 7 significant digits carry all of it.
  return Number(v.toPrecision(7));
}

function reviver(_key: string, v: unknown): unknown {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

export function frameToJson(frame: Frame | StepMetrics): string {
  return JSON.stringify(frame, replacer);
}

export function frameFromJson(text: string): Frame {
  return JSON.parse(text, reviver) as Frame;
}
