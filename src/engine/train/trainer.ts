/**
 * One training step, and the numbers that describe it.
 *
 *   batch (the whole dataset, or a seeded mini-batch: batches.ts)
 *   → forward in training mode (recording z, a per layer; probes on a)
 *   → loss (+ penalties) → gradients (tf.valueAndGrads over parameters and probes)
 *   → gradient transforms (clipping) → optimiser update → state updates (ctx.setState)
 *   → metrics (plug-ins, metrics/) packed into one tensor → one `await data()`.
 *
 * Everything runs inside one tf.tidy. The few tensors that must outlive it
 * until the readback (z per layer, gradients, the loss: needed only if the
 * step turns out non-finite) are tf.keep'ed and disposed in `finally`.
 *
 * Cost. At these sizes (batch 256, width 32) a step costs what its op
 * dispatches cost, ~5–30 µs each on wasm, not arithmetic. So the metrics
 * are computed for all layers (all gradients) at once, a fixed handful of
 * ops per distinct tensor shape (stats.ts, batched.ts), metrics nobody asked
 * for cost nothing, histograms are counted in JS from the single readback
 * (histogram.ts), matMul gradients avoid the wasm backend's slow
 * transposed products (ops/matmul-grad.ts), and the dense layer's ops keep
 * what their gradients read (ctx.retain) instead of having the tape copy it
 * (ops/retained.ts).
 *
 * Non-finite detection is two-stage so that the common case costs nothing
 * extra: the numbers the metrics check (loss, squared gradient norms, …) are
 * finite whenever every value they summarise is. Only when one is not does a
 * second pass look at the kept tensors themselves, in the order the step
 * computed them, to name the first non-finite value, replace norms that merely
 * overflowed (Σg² beyond float32) by overflow-free ones, and let metrics with
 * a fast path recompute exactly (Metric.packExact). Squared norms that are
 * too small for float32 (vanishing gradients at their most extreme) are
 * recomputed the same way, in a pass of their own.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import { getActivation, type Activation } from '../activations';
import { modelLayout, type Dataset } from '../data';
import type { Divergence, LayerFrame, StepMetrics } from '../frame';
import { ParamRegistry } from '../models/registry';
import type { ForwardContext, LayerInfo, Model } from '../models/types';
import { ProbeSet } from '../probes';
import { sumOfRows } from './batched';
import { BatchOrder } from './batches';
import type { GradientContext, GradientTransform } from './clipping';
import { Constants } from './constants';
import { accuracyFromLabels, getLoss, targetLabels, type LossFn, type LossName } from './losses';
import { activeMetrics, builtinMetrics, metricFields, type ActiveMetric, type Metric, type MetricOptions, type MetricSetup, type ReadContext, type RecordedLayer, type StepTensors } from './metrics/index';
import type { Optimizer } from './optimizers';
import { Packer, type PackedValues } from './packer';
import type { Penalty, Proximal } from './regularization';
import { finiteFlags, robustNorms, squaredNormRows } from './stats';

export type { MetricOptions } from './metrics/index';

export interface TrainerConfig {
  model: Model;
  /** A table, or sequences (uploaded time-major for recurrent models: data.modelLayout). */
  data: Dataset;
  loss: LossName;
  optimizer: Optimizer;
  /** Applied in order to the gradients before the update (chapter 5: clipping). */
  transforms?: GradientTransform[];
  /** Added to the loss inside the differentiated function (chapter 6: L1/L2). */
  penalties?: Penalty[];
  /** Penalties taken by a step after the update instead (L1's soft threshold); their values are reported with the penalties'. */
  proximal?: Proximal[];
  /** Default metric options for every step; `trainStep(opts)` overrides per call. */
  metrics?: MetricOptions;
  /** Metrics beside the built-in ones (metrics/index.ts), asked for by their ids in MetricOptions. */
  plugins?: readonly Metric<unknown>[];
  /**
   * Examples per step. Default (or data.n): the whole dataset, in its
   * order, every step. Smaller: mini-batches of exactly this size from a
   * seeded shuffle per epoch, the incomplete tail dropped.
   */
  batchSize?: number;
  /** Seed of the per-epoch shuffle (mini-batches only): trainers with one seed see the same batches. Default 0. */
  shuffleSeed?: number;
}

/** A forward pass in evaluation mode (Trainer.evaluate). */
export interface Evaluation {
  /** Data loss, without penalties. */
  loss: number;
  /** For classification. */
  accuracy?: number;
}

/** The data of one pass, as tensors. */
interface BatchTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  labels: tf.Tensor | null;
}

export class Trainer {
  readonly model: Model;
  readonly registry: ParamRegistry;
  private readonly cfg: TrainerConfig;
  /** The whole dataset: every step's batch in full-batch training, evaluate()'s default data. */
  private readonly full: BatchTensors;
  /** Mini-batch order; null in full-batch training. */
  private readonly batches: BatchOrder | null;
  private readonly lossFn: LossFn;
  private readonly activations: ReadonlyMap<string, Activation>;
  private readonly metrics: readonly Metric<unknown>[];
  private readonly setup: MetricSetup;
  private probeSet: ProbeSet | null = null;
  /** ForwardContext.constant's tensors of training steps, and of evaluation passes. */
  private readonly trainConstants = new Constants();
  private readonly evalConstants = new Constants();
  private nextStep = 0;
  private disposed = false;

  constructor(cfg: TrainerConfig) {
    this.cfg = cfg;
    this.model = cfg.model;
    const d = cfg.data;
    this.metrics = [...builtinMetrics, ...(cfg.plugins ?? [])];
    const ids = this.metrics.map((m) => m.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new Error(`two metrics named ${twice}`);
    const size = cfg.batchSize ?? d.n;
    this.batches = size === d.n ? null : new BatchOrder(d, size, cfg.shuffleSeed ?? 0);
    this.registry = ParamRegistry.fromModel(cfg.model);
    this.full = this.upload(d, d.n, d.x, d.y);
    this.lossFn = getLoss(cfg.loss);
    this.activations = new Map(cfg.model.layers.map((l) => [l.name, getActivation(l.activation, l.shape)]));
    this.setup = { classification: this.full.labels !== null, penalties: !!(cfg.penalties?.length || cfg.proximal?.length), transforms: !!cfg.transforms?.length };
  }

  /** Index of the next step (0 before the first). */
  get step(): number {
    return this.nextStep;
  }

  get batchSize(): number {
    return this.batches?.size ?? this.cfg.data.n;
  }

  /** Frame fields a step with these options fills (RunShape.series), step fields first. */
  fields(opts?: MetricOptions): string[] {
    return metricFields(activeMetrics(this.metrics, { ...this.cfg.metrics, ...opts }, this.setup));
  }

  private probes(): ProbeSet {
    this.probeSet ??= new ProbeSet(this.model.probes(this.batchSize));
    return this.probeSet;
  }

  /** n examples of `d`'s kind as tensors, with the targets' classes (kept: made in a constructor or a tidy). */
  private upload(d: Dataset, n: number, xs: Float32Array, ys: Float32Array): BatchTensors {
    const y = tf.keep(tf.tensor2d(ys, [n, d.outputDim]));
    const labels = targetLabels(this.cfg.loss, y);
    const x = modelLayout(d, xs, n);
    return { x: tf.keep(tf.tensor2d(x.x, x.shape)), y, labels: labels && tf.keep(labels) };
  }

  /** This step's data: the whole dataset, or the next mini-batch. */
  private batch(step: number): BatchTensors {
    if (!this.batches) return this.full;
    const b = this.batches.batch(step);
    return this.upload(this.cfg.data, this.batches.size, b.x, b.y);
  }

  async trainStep(opts?: MetricOptions): Promise<StepMetrics> {
    if (this.disposed) throw new Error('trainer disposed');
    const active = activeMetrics(this.metrics, { ...this.cfg.metrics, ...opts }, this.setup);
    const step = this.nextStep++;
    const params = this.registry.trainable();
    const paramIndex = new Map(params.map((p, i) => [p.name, i]));
    const probes = active.some((a) => a.metric.reads.includes('probeGradients')) ? this.probes() : null;
    const kept = new Set<tf.Tensor>();
    const keep = <T extends tf.Tensor>(t: T): T => {
      kept.add(tf.keep(t));
      return t;
    };
    const packer = new Packer();
    let packed: tf.Tensor1D | null = null;
    // Filled inside the tidy; a holder because TS does not follow assignments made in callbacks.
    const held: { t?: StepTensors; total?: tf.Scalar } = {};

    try {
      packed = tf.tidy(() => {
        const batch = this.batch(step);
        const { x, y, labels } = batch;
        // A mini-batch's tensors are this step's, the full set's the trainer's.
        if (batch !== this.full) for (const b of [x, y, labels]) if (b) keep(b);
        const variables = params.map((p) => p.variable);
        const xs: tf.Tensor[] = [...variables, ...(probes?.tensors ?? [])];
        // Made outside the differentiated function and disposed by their owners: never retained.
        const external = new Set<tf.Tensor>([x, y, ...xs]);
        const recorded = new Map<string, { z: tf.Tensor; a: tf.Tensor }>();
        const observed = new Map<string, readonly tf.Tensor[]>();
        const state = new Map<string, tf.Tensor>();
        /** The trainable parameters as penalties see them, with these tensors (the differentiated ones, or the variables). */
        const penaltyParams = (tensors: readonly tf.Tensor[]) => params.map((p, i) => ({ name: p.name, role: p.role, tensor: tensors[i]! }));
        // Side results of the forward pass, kept past valueAndGrads' inner tidy, off the path to the loss.
        const side: { loss?: tf.Scalar; pred?: tf.Tensor; penalty?: tf.Scalar } = {};
        const f = (...args: tf.Tensor[]): tf.Scalar => {
          const ctx: ForwardContext = {
            param: (name) => {
              const i = paramIndex.get(name);
              return i === undefined ? this.registry.get(name).variable : args[i]!;
            },
            probe: (name, t) => (probes ? probes.attach(name, t) : t),
            probeTensor: (name) => probes?.tensor(name) ?? null,
            record: (layer, z, a) => {
              recorded.set(layer, { z: keep(z), a: keep(a) });
            },
            retain: (t) => (external.has(t) || this.trainConstants.holds(t) ? t : keep(t)),
            constant: (key, make) => this.trainConstants.get(key, make),
            isData: (t) => t === x,
            training: true,
            setState: (name, value) => {
              if (this.registry.get(name).trainable) throw new Error(`setState: ${name} is trainable`);
              if (state.has(name)) throw new Error(`setState: ${name} set twice in one pass`);
              state.set(name, keep(value));
            },
            observe: (key, values) => {
              if (observed.has(key)) throw new Error(`observe: ${key} twice in one pass`);
              observed.set(key, values.map(keep));
            },
          };
          const pred = this.model.forward(x, ctx);
          const dataLoss = this.lossFn(pred, y, ctx.retain);
          side.loss = keep(dataLoss);
          side.pred = keep(pred);
          const penalties = this.cfg.penalties ?? [];
          if (!penalties.length) return dataLoss;
          const ps = penaltyParams(args);
          side.penalty = keep(tf.addN(penalties.map((pen) => pen(ps))) as tf.Scalar);
          return tf.add(dataLoss, side.penalty);
        };

        // Gradients of lossScale·L (optimizers.ts): the backward pass starts from lossScale instead of 1.
        const scale = this.cfg.optimizer.lossScale;
        const proximal = this.cfg.proximal ?? [];
        const dy = scale === 1 ? undefined : (this.trainConstants.get(`lossScale:${scale}`, () => tf.scalar(scale)) as tf.Scalar);
        const out = tf.valueAndGrads(f)(xs, dy);
        held.total = keep(out.value);
        if (proximal.length) {
          // The proximal penalties' values at the weights the gradients were taken at (before the update), beside the others
          const values = proximal.map((p) => p.penalty(penaltyParams(variables)));
          side.penalty = keep(tf.addN(side.penalty ? [side.penalty, ...values] : values) as tf.Scalar);
          held.total = keep(tf.add(out.value, tf.addN(values)) as tf.Scalar);
        }
        const grads = out.grads.map((g) => keep(g));
        const paramGrads = grads.slice(0, params.length);
        const probeGrads = grads.slice(params.length);

        // Every gradient's Σg², for every metric (ReadContext.gradSq) and the checks of `readStep`.
        const gradSq = squaredNormRows(paramGrads);
        packer.addRows('gradSq', gradSq);
        if (probeGrads.length) packer.addRows('probeSq', squaredNormRows(probeGrads));

        let update: tf.Tensor[] | null = null;
        const transforms = this.cfg.transforms ?? [];
        if (transforms.length) {
          let current = paramGrads;
          for (const [i, transform] of transforms.entries()) {
            const input = current;
            let globalNorm: tf.Scalar | null = null;
            const ctx: GradientContext = {
              names: params.map((p) => p.name),
              scale,
              // Made on demand; the first transform's from the squares already computed.
              get globalNorm() {
                globalNorm ??= tf.sqrt(sumOfRows(i === 0 ? gradSq : squaredNormRows(input))) as tf.Scalar;
                return globalNorm;
              },
            };
            current = transform(input, ctx);
          }
          update = current.map((u) => keep(u));
        }
        this.cfg.optimizer.apply(variables, update ?? paramGrads);
        for (const p of proximal) p.apply(penaltyParams(variables), variables);
        for (const [name, value] of state) {
          const v = this.registry.get(name).variable;
          if (value !== v) v.assign(value);
        }

        const t: StepTensors = (held.t = {
          lossName: this.cfg.loss,
          loss: side.loss!,
          pred: side.pred!,
          target: y,
          labels,
          penalty: side.penalty ?? null,
          params,
          grads: paramGrads,
          probeGrads,
          update,
          observed,
          recorded: this.model.layers.flatMap((layer) => {
            const r = recorded.get(layer.name);
            return r ? [{ layer, act: this.activations.get(layer.name)!, ...r }] : [];
          }),
        });
        for (const { metric, option } of active) metric.pack(t, option, packer.scope(`${metric.id}/`));
        return packer.pack();
      });
      const t = held.t!;
      const values = packer.reader(await packed.data());
      return await this.readStep(step, active, t, held.total!, probes, values);
    } finally {
      packed?.dispose();
      for (const k of kept) k.dispose();
      this.trainConstants.sweep();
    }
  }

  /** The frame of a step from its readback, through the second passes when its numbers call for them. */
  private async readStep(step: number, active: readonly ActiveMetric[], t: StepTensors, total: tf.Scalar, probes: ProbeSet | null, values: PackedValues): Promise<StepMetrics> {
    const squares = [...values.array('gradSq'), ...(values.has('probeSq') ? values.array('probeSq') : [])];
    const read = (norms?: ReadonlyMap<number, number>, exact?: PackedValues) => this.readMetrics(step, active, t, probes, squares, values, norms, exact);
    const metrics = read();
    const finite = active.every((a) => [...(a.metric.checked?.(metrics) ?? [])].every(Number.isFinite));
    // Σg² below float32's normal range has lost its precision (or underflowed to 0): vanishing gradients at their most extreme.
    const tiny = squares.flatMap((sq, j) => (sq < TINY_SQUARE ? [j] : []));
    if (finite && !tiny.length) return metrics;
    const grads = [...t.grads, ...t.probeGrads];
    if (finite) return read(await preciseNorms(grads, tiny));
    const verdict = await this.diagnose(step, active, t, total, probes);
    const again = read(verdict.norms, verdict.exact);
    if (verdict.divergence) again.diverged = verdict.divergence;
    return again;
  }

  /**
   * StepMetrics from the metrics' packed values (`exact`'s for the metrics
   * that repacked in the diagnosis). `norms` (from `diagnose` or
   * `preciseNorms`) replaces squared norms that overflowed or underflowed
   * float32 by exact float64 squares of norms computed without either; keyed
   * by gradient (parameters first, then probes).
   */
  private readMetrics(
    step: number,
    active: readonly ActiveMetric[],
    t: StepTensors,
    probes: ProbeSet | null,
    squares: readonly number[],
    values: PackedValues,
    norms?: ReadonlyMap<number, number>,
    exact?: PackedValues,
  ): StepMetrics {
    // Squares of the gradients of lossScale·L, unscaled here in float64.
    const lossScale = this.cfg.optimizer.lossScale;
    const s2 = lossScale ** 2;
    const sq = squares.map((s, j) => {
      const n = norms?.get(j);
      return (n === undefined ? s : n ** 2) / s2;
    });
    const paramIndex = new Map(t.params.map((p, i) => [p.name, i]));
    const ctx: ReadContext = {
      layers: this.model.layers,
      params: t.params,
      probes: probes?.specs ?? [],
      gradSq: sq.slice(0, t.params.length),
      probeSq: sq.slice(t.params.length),
      lossScale,
      recorded: t.recorded.map((r) => r.layer),
      normOf: (names, of) => Math.sqrt(names.reduce((s, n) => s + (of[paramIndex.get(n) ?? -1] ?? 0), 0)),
    };
    // Fields are added by the metrics; loss, globalNorm, gradNormW and gradNormB by the ones always on.
    const layers = this.model.layers.map((l) => ({ name: l.name }) as LayerFrame);
    const frame = { step, layers } as StepMetrics;
    for (const { metric, option } of active) {
      const v = exact && metric.packExact ? exact : values;
      metric.read(v.scope(`${metric.id}/`), option, ctx, frame);
    }
    // The step's numbers before the layers' (the order JSON prints them in).
    const { layers: filled, ...stepFields } = frame;
    return { ...stepFields, layers: filled };
  }

  /**
   * Second pass, only after a non-finite metric: checks the values in the
   * order the step computed them (activations layer by layer, loss,
   * gradients from the output back, updated weights), computes
   * overflow-free norms, and has the metrics with a fast path repack
   * exactly (Metric.packExact). One more readback.
   */
  private async diagnose(
    step: number,
    active: readonly ActiveMetric[],
    t: StepTensors,
    total: tf.Scalar,
    probes: ProbeSet | null,
  ): Promise<{ divergence: Divergence | null; norms: Map<number, number>; exact: PackedValues }> {
    const params = t.params;
    const paramIndex = new Map(params.map((p, i) => [p.name, i]));
    const layers = this.model.layers;
    const probeSpecs = probes?.specs ?? [];
    const grads = [...t.grads, ...t.probeGrads];
    // Every tensor the step computed, checked in a few batched ops: the z of each recorded
    // layer, the loss, every gradient, every weight after the update (rows of 'flags', in this order).
    const checked = [...t.recorded.map((r) => r.z), total, ...grads, ...params.map((p) => p.variable)];
    const packer = new Packer();
    const flagsT = tf.tidy(() => {
      packer.add('flags', finiteFlags(checked));
      packer.add('norms', robustNorms(grads));
      for (const { metric, option } of active) metric.packExact?.(t, option, packer.scope(`${metric.id}/`));
      return packer.pack();
    });
    let values: PackedValues;
    try {
      values = packer.reader(await flagsT.data());
    } finally {
      flagsT.dispose();
    }
    const flags = values.rows('flags', checked.length);
    // Row of each checked tensor in `flags`.
    const zRow = new Map(t.recorded.map((r, i) => [r.layer.name, i]));
    const lossRow = t.recorded.length;
    const gradRow = (j: number) => lossRow + 1 + j;
    const weightRow = (j: number) => lossRow + 1 + grads.length + j;
    const bad = (row: number): 'nan' | 'inf' | null => {
      const [finite, nan] = flags[row] as [number, number];
      return finite === 1 ? null : nan === 1 ? 'nan' : 'inf';
    };
    const robust = values.array('norms');
    const norms = new Map(grads.map((_, j) => [j, robust[j]!]));
    const at = (quantity: Divergence['quantity'], layer: LayerInfo | null, value: 'nan' | 'inf', param?: string): Divergence => ({
      step, quantity, layer: layer?.index ?? null, layerName: layer?.name ?? null, value, ...(param ? { param } : {}),
    });
    const ownParams = (l: LayerInfo) => [...l.weights, ...l.biases].filter((name) => paramIndex.has(name));

    const firstNonFinite = (): Divergence | null => {
      for (const l of layers) {
        const v = zRow.has(l.name) ? bad(zRow.get(l.name)!) : null;
        if (v) return at('activation', l, v);
      }
      const lossBad = bad(lossRow);
      if (lossBad) return at('loss', null, lossBad);
      // Backprop order: from the output layer back; within a layer ∂L/∂a first, then its parameters.
      for (const l of [...layers].reverse()) {
        for (const [k, p] of probeSpecs.entries()) {
          if (p.layer !== l.name) continue;
          const v = bad(gradRow(params.length + k));
          if (v) return at('gradient', l, v, p.name);
        }
        for (const name of ownParams(l)) {
          const v = bad(gradRow(paramIndex.get(name)!));
          if (v) return at('gradient', l, v, name);
        }
      }
      for (const l of layers) {
        for (const name of ownParams(l)) {
          const v = bad(weightRow(paramIndex.get(name)!));
          if (v) return at('weight', l, v, name);
        }
      }
      return null;
    };
    return { divergence: firstNonFinite(), norms, exact: values };
  }

  /**
   * A forward pass in evaluation mode (ctx.training false: batch norm uses
   * its running statistics) over `data` (default: the whole training set):
   * data loss, and accuracy for classification. No update, no state
   * change, one readback.
   */
  async evaluate(data?: Dataset): Promise<Evaluation> {
    if (this.disposed) throw new Error('trainer disposed');
    const packer = new Packer();
    const batch = data ? this.upload(data, data.n, data.x, data.y) : this.full;
    let packed: tf.Tensor1D | null = null;
    try {
      packed = tf.tidy(() => {
        const { x, y, labels } = batch;
        // Nothing is differentiated: no probes, records, retained tensors or data transposes.
        const ctx: ForwardContext = {
          param: (name) => this.registry.get(name).variable,
          probe: (_, t) => t,
          probeTensor: () => null,
          record: () => {},
          retain: (t) => t,
          constant: (key, make) => this.evalConstants.get(key, make),
          isData: () => false,
          training: false,
          setState: (name) => {
            throw new Error(`setState(${name}) in evaluation mode`);
          },
          observe: () => {},
        };
        const pred = this.model.forward(x, ctx);
        packer.add('loss', this.lossFn(pred, y, ctx.retain));
        if (labels) packer.add('accuracy', accuracyFromLabels(this.cfg.loss, pred, labels));
        return packer.pack();
      });
      const v = packer.reader(await packed.data());
      return { loss: v.scalar('loss'), ...(v.has('accuracy') ? { accuracy: v.scalar('accuracy') } : {}) };
    } finally {
      packed?.dispose();
      if (batch !== this.full) disposeBatch(batch);
      this.evalConstants.sweep();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.registry.dispose();
    this.cfg.optimizer.dispose();
    this.probeSet?.dispose();
    disposeBatch(this.full);
    this.trainConstants.dispose();
    this.evalConstants.dispose();
  }
}

function disposeBatch({ x, y, labels }: BatchTensors): void {
  tf.dispose([x, y, ...(labels ? [labels] : [])]);
}

/** Σg² under this (float32's normal range ends at 1.2e-38) is recomputed by `preciseNorms`. */
const TINY_SQUARE = 1e-30;

/** Norms of gradients `which` computed without squaring tiny values (stats.robustNorms): one more readback. */
async function preciseNorms(grads: readonly tf.Tensor[], which: readonly number[]): Promise<Map<number, number>> {
  const t = tf.tidy(() => robustNorms(which.map((j) => grads[j]!)));
  try {
    const v = await t.data();
    return new Map(which.map((j, k) => [j, v[k]!]));
  } finally {
    t.dispose();
  }
}
