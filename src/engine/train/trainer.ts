/**
 * One training step, and the numbers that describe it.
 *
 *   forward (recording z, a per layer; probes on a) → loss (+ penalties)
 *   → gradients (tf.valueAndGrads over parameters and probes)
 *   → gradient transforms (clipping) → optimiser update
 *   → metrics packed into one tensor → one `await data()`.
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
 * extra: the packed metrics (loss, squared gradient norms, …) are finite
 * whenever every value they summarise is. Only when one is not does a second
 * pass look at the kept tensors themselves, in the order the step computed
 * them, to name the first non-finite value, and replace norms that merely
 * overflowed (Σg² beyond float32) by overflow-free ones. Squared norms
 * that are too small for float32 (vanishing gradients at their most
 * extreme) are recomputed the same way, in a pass of their own.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import { getActivation, type Activation } from '../activations';
import type { TabularDataset } from '../data';
import type { Divergence, LayerFrame, StepMetrics } from '../frame';
import { ParamRegistry } from '../models/registry';
import type { ForwardContext, LayerInfo, Model } from '../models/types';
import { ProbeSet } from '../probes';
import type { GradientTransform } from './clipping';
import { accuracyFromLabels, getLoss, targetLabels, type LossFn, type LossName } from './losses';
import type { Optimizer } from './optimizers';
import { Packer, type PackedValues } from './packer';
import type { Penalty } from './regularization';
import { histogramOf, type HistogramSpec } from './histogram';
import { sumOfRows } from './batched';
import { activationStatRows, activationStats, finiteFlags, robustNorms, squaredNormRows } from './stats';

/** What to measure on a step, beyond loss and gradient norms (always there). Each option costs ops. */
export interface MetricOptions {
  /** Per-layer mean, std, saturated and dead shares of the activations. */
  activations?: boolean;
  /** ‖∂L/∂a_l‖ per layer, through probes. */
  probes?: boolean;
  /** ‖W_l‖ after the update. */
  weightNorms?: boolean;
  /** Histogram of each layer's pre-activations over these fixed bins. */
  histogram?: HistogramSpec | null;
}

export interface TrainerConfig {
  model: Model;
  data: TabularDataset;
  loss: LossName;
  optimizer: Optimizer;
  /** Applied in order to the gradients before the update (chapter 5: clipping). */
  transforms?: GradientTransform[];
  /** Added to the loss inside the differentiated function (chapter 6: L1/L2). */
  penalties?: Penalty[];
  /** Default metric options for every step; `step(opts)` overrides per call. */
  metrics?: MetricOptions;
}

interface Recorded {
  z: tf.Tensor;
  a: tf.Tensor;
}

export class Trainer {
  readonly model: Model;
  readonly registry: ParamRegistry;
  private readonly cfg: TrainerConfig;
  private readonly x: tf.Tensor;
  private readonly y: tf.Tensor;
  /** The target's classes for accuracy (null for regression): fixed data, so computed once. */
  private readonly labels: tf.Tensor | null;
  private readonly lossFn: LossFn;
  private readonly activations: ReadonlyMap<string, Activation>;
  private probeSet: ProbeSet | null = null;
  /** ForwardContext.constant's tensors, by key. */
  private readonly constants = new Map<string, tf.Tensor>();
  private nextStep = 0;
  private disposed = false;

  constructor(cfg: TrainerConfig) {
    this.cfg = cfg;
    this.model = cfg.model;
    this.registry = ParamRegistry.fromModel(cfg.model);
    const d = cfg.data;
    this.x = tf.tensor2d(d.x, [d.n, d.inputDim]);
    this.y = tf.tensor2d(d.y, [d.n, d.outputDim]);
    const labels = targetLabels(cfg.loss, this.y);
    this.labels = labels && tf.keep(labels);
    this.lossFn = getLoss(cfg.loss);
    this.activations = new Map(cfg.model.layers.map((l) => [l.name, getActivation(l.activation, { slope: l.slope })]));
  }

  /** Index of the next step (0 before the first). */
  get step(): number {
    return this.nextStep;
  }

  get batchSize(): number {
    return this.cfg.data.n;
  }

  private probes(): ProbeSet {
    this.probeSet ??= new ProbeSet(this.model.probes(this.batchSize));
    return this.probeSet;
  }

  async trainStep(opts?: MetricOptions): Promise<StepMetrics> {
    if (this.disposed) throw new Error('trainer disposed');
    const o: MetricOptions = { ...this.cfg.metrics, ...opts };
    const step = this.nextStep++;
    const params = this.registry.trainable();
    const paramIndex = new Map(params.map((p, i) => [p.name, i]));
    const probes = o.probes ? this.probes() : null;
    const recorded = new Map<string, Recorded>();
    const kept = new Set<tf.Tensor>();
    const keep = <T extends tf.Tensor>(t: T): T => {
      kept.add(tf.keep(t));
      return t;
    };
    const packer = new Packer();
    const layers = this.model.layers;
    let packed: tf.Tensor1D | null = null;
    // Filled inside the tidy; a holder because TS does not follow assignments made in callbacks.
    const held: { total?: tf.Scalar; grads: tf.Tensor[] } = { grads: [] };
    // Layers whose forward called ctx.record, in forward order: the rows of the batched layer statistics.
    let statLayers: LayerInfo[] = [];

    try {
      packed = tf.tidy(() => {
        const xs: tf.Tensor[] = [...params.map((p) => p.variable), ...(probes?.tensors ?? [])];
        // Made outside this step and disposed by their owners: never retained.
        const external = new Set<tf.Tensor>([this.x, this.y, ...xs, ...this.constants.values()]);
        const ctxConstant = (key: string, make: () => tf.Tensor): tf.Tensor => {
          let t = this.constants.get(key);
          if (!t) {
            this.constants.set(key, (t = tf.keep(make())));
            external.add(t);
          }
          return t;
        };
        // Side results of the forward pass, kept past valueAndGrads' inner tidy, off the path to the loss.
        const side: { loss?: tf.Scalar; pred?: tf.Tensor; penalty?: tf.Scalar } = {};
        const f = (...args: tf.Tensor[]): tf.Scalar => {
          const ctx: ForwardContext = {
            param: (name) => {
              const i = paramIndex.get(name);
              return i === undefined ? this.registry.get(name).variable : args[i]!;
            },
            probe: (name, t) => (probes ? probes.attach(name, t) : t),
            record: (layer, z, a) => {
              recorded.set(layer, { z: keep(z), a: keep(a) });
            },
            retain: (t) => (external.has(t) ? t : keep(t)),
            constant: ctxConstant,
            isData: (t) => t === this.x,
            training: true,
          };
          const pred = this.model.forward(this.x, ctx);
          const dataLoss = this.lossFn(pred, this.y, ctx.retain);
          side.loss = keep(dataLoss);
          side.pred = keep(pred);
          const penalties = this.cfg.penalties ?? [];
          if (!penalties.length) return dataLoss;
          const ps = params.map((p, i) => ({ name: p.name, role: p.role, tensor: args[i]! }));
          side.penalty = keep(tf.addN(penalties.map((pen) => pen(ps))) as tf.Scalar);
          return tf.add(dataLoss, side.penalty);
        };

        // Gradients of lossScale·L (optimizers.ts): the backward pass starts from lossScale instead of 1.
        const scale = this.cfg.optimizer.lossScale;
        const out = tf.valueAndGrads(f)(xs, scale === 1 ? undefined : (ctxConstant(`lossScale:${scale}`, () => tf.scalar(scale)) as tf.Scalar));
        held.total = keep(out.value);
        const grads = (held.grads = out.grads.map((g) => keep(g)));
        const paramGrads = grads.slice(0, params.length);
        const probeGrads = grads.slice(params.length);

        packer.add('loss', side.loss!);
        // Accuracy after the gradients, off the tape (nothing differentiates through it).
        if (this.labels) packer.add('accuracy', accuracyFromLabels(this.cfg.loss, side.pred!, this.labels));
        if (side.penalty) packer.add('penalty', side.penalty);

        const gradSq = squaredNormRows(paramGrads);
        packer.addRows('gradSq', gradSq);
        if (probeGrads.length) packer.addRows('probeSq', squaredNormRows(probeGrads));

        let update = paramGrads;
        const transforms = this.cfg.transforms ?? [];
        if (transforms.length) {
          let globalNorm: tf.Scalar | null = null;
          const ctx = {
            names: params.map((p) => p.name),
            scale,
            get globalNorm() {
              globalNorm ??= tf.sqrt(sumOfRows(gradSq)) as tf.Scalar;
              return globalNorm;
            },
          };
          for (const t of transforms) update = t(update, ctx);
          packer.add('appliedSq', sumOfRows(squaredNormRows(update)));
        }
        this.cfg.optimizer.apply(params.map((p) => p.variable), update);

        if (o.weightNorms) packer.addRows('weightSq', squaredNormRows(params.map((p) => p.variable)));
        statLayers = layers.filter((l) => recorded.has(l.name));
        if (statLayers.length && o.activations) {
          packer.addRows('act', activationStatRows(statLayers.map((l) => ({ act: this.activations.get(l.name)!, ...recorded.get(l.name)! }))));
        }
        // Histograms are counted in JS (histogram.ts): the z values themselves go into the readback.
        if (o.histogram) for (const l of statLayers) packer.add(`z:${l.index}`, recorded.get(l.name)!.z);
        return packer.pack();
      });

      const values = packer.reader(await packed.data());
      const act = values.has('act') ? values.rows('act', statLayers.length) : null;
      const metrics = this.readMetrics(step, values, o, paramIndex, statLayers, act);
      const finite = isAllFinite(metrics);
      // Σg² below float32's normal range has lost its precision (or underflowed to 0): vanishing gradients at their most extreme.
      const squares = [...values.array('gradSq'), ...(values.has('probeSq') ? values.array('probeSq') : [])];
      const tiny = squares.flatMap((sq, j) => (sq < TINY_SQUARE ? [j] : []));
      if (finite && !tiny.length) return metrics;
      if (finite) return this.readMetrics(step, values, o, paramIndex, statLayers, act, await this.preciseNorms(held.grads, tiny));
      // Shares that met a NaN in z (NaN from the fast masks, see stats.activationStats) are recomputed in the diagnosis.
      const nanRows = (act ?? []).flatMap((row, r) => (row.slice(2).every(Number.isFinite) ? [] : [r]));
      const verdict = await this.diagnose(step, recorded, held.total!, held.grads, paramIndex, probes, nanRows.map((r) => statLayers[r]!));
      verdict.act?.forEach((row, k) => (act![nanRows[k]!] = row));
      const again = this.readMetrics(step, values, o, paramIndex, statLayers, act, verdict.norms);
      if (verdict.divergence) again.diverged = verdict.divergence;
      return again;
    } finally {
      packed?.dispose();
      for (const t of kept) t.dispose();
    }
  }

  /** Key of gradient j (parameters first, then probes) in the `norms` maps. */
  private gradKey(j: number): string {
    const params = this.registry.trainable();
    return j < params.length ? `param:${params[j]!.name}` : `probe:${this.probeSet!.specs[j - params.length]!.name}`;
  }

  /** Norms of gradients `which` computed without squaring tiny values (stats.robustNorms): one more readback. */
  private async preciseNorms(grads: readonly tf.Tensor[], which: readonly number[]): Promise<Map<string, number>> {
    const t = tf.tidy(() => robustNorms(which.map((j) => grads[j]!)));
    try {
      const v = await t.data();
      return new Map(which.map((j, k) => [this.gradKey(j), v[k]!]));
    } finally {
      t.dispose();
    }
  }

  /**
   * Turns the packed values into StepMetrics; `act` holds the rows of the
   * activation statistics, one per `statLayers` entry. `norms` (from
   * `diagnose` or `preciseNorms`) replaces squared norms that overflowed
   * or underflowed float32 by exact float64 squares of norms computed
   * without either: keys as `gradKey`.
   */
  private readMetrics(
    step: number,
    v: PackedValues,
    o: MetricOptions,
    paramIndex: ReadonlyMap<string, number>,
    statLayers: readonly LayerInfo[],
    act: readonly (readonly number[])[] | null,
    norms?: ReadonlyMap<string, number>,
  ): StepMetrics {
    const params = this.registry.trainable();
    const probeSpecs = this.probeSet?.specs ?? [];
    // Squares of the gradients of lossScale·L, unscaled here in float64.
    const s2 = this.cfg.optimizer.lossScale ** 2;
    const better = (sq: number, j: number) => {
      const n = norms?.get(this.gradKey(j));
      return (n === undefined ? sq : n ** 2) / s2;
    };
    const gradSq = v.array('gradSq').map(better);
    const probeSq = (v.has('probeSq') ? v.array('probeSq') : []).map((sq, k) => better(sq, params.length + k));
    const weightSq = v.has('weightSq') ? v.array('weightSq') : null;
    const sumSqrt = (names: readonly string[], sq: readonly number[]) =>
      Math.sqrt(names.reduce((s, n) => s + (sq[paramIndex.get(n) ?? -1] ?? 0), 0));
    const statRow = new Map(statLayers.map((l, r) => [l.name, r]));

    const layers: LayerFrame[] = this.model.layers.map((layer) => {
      const lf: LayerFrame = {
        name: layer.name,
        gradNormW: sumSqrt(layer.weights, gradSq),
        gradNormB: sumSqrt(layer.biases, gradSq),
      };
      if (probeSq.length) {
        lf.gradNormAct = Math.sqrt(probeSpecs.reduce((s, p, k) => s + (p.layer === layer.name ? probeSq[k]! : 0), 0));
      }
      if (weightSq) lf.weightNorm = sumSqrt(layer.weights, weightSq);
      const r = statRow.get(layer.name);
      if (act && r !== undefined) {
        const [mean, std, saturated, dead] = act[r]! as [number, number, number, number];
        lf.act = { mean, std, saturated, dead };
      }
      if (o.histogram && v.has(`z:${layer.index}`)) lf.histogram = histogramOf(v.view(`z:${layer.index}`), o.histogram);
      return lf;
    });

    const m: StepMetrics = {
      step,
      loss: v.scalar('loss'),
      globalNorm: Math.sqrt(gradSq.reduce((s, x) => s + x, 0)),
      layers,
    };
    if (v.has('penalty')) m.penalty = v.scalar('penalty');
    if (v.has('accuracy')) m.accuracy = v.scalar('accuracy');
    if (v.has('appliedSq')) m.appliedNorm = Math.sqrt(v.scalar('appliedSq') / s2);
    return m;
  }

  /**
   * Second pass, only after a non-finite metric: checks the values in the
   * order the step computed them (activations layer by layer, loss,
   * gradients from the output back, updated weights), computes
   * overflow-free norms and the activation statistics of `actLayers` with
   * NaN entries of z handled as act.flat does (see stats.activationStats).
   * One more readback.
   */
  private async diagnose(
    step: number,
    recorded: ReadonlyMap<string, Recorded>,
    total: tf.Scalar,
    grads: readonly tf.Tensor[],
    paramIndex: ReadonlyMap<string, number>,
    probes: ProbeSet | null,
    actLayers: readonly LayerInfo[],
  ): Promise<{ divergence: Divergence | null; norms: Map<string, number>; act?: number[][] }> {
    const params = this.registry.trainable();
    const layers = this.model.layers;
    const probeSpecs = probes?.specs ?? [];
    // Every tensor the step computed, checked in a few batched ops: the z of each recorded
    // layer, the loss, every gradient, every weight after the update (rows of 'flags', in this order).
    const zLayers = layers.filter((l) => recorded.has(l.name));
    const gradKeys = grads.map((_, j) => this.gradKey(j));
    const checked = [...zLayers.map((l) => recorded.get(l.name)!.z), total, ...grads, ...params.map((p) => p.variable)];
    const packer = new Packer();
    const flagsT = tf.tidy(() => {
      packer.add('flags', finiteFlags(checked));
      packer.add('norms', robustNorms(grads));
      if (actLayers.length) packer.add('act', activationStats(actLayers.map((l) => ({ act: this.activations.get(l.name)!, ...recorded.get(l.name)! })), { exact: true }));
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
    const zRow = new Map(zLayers.map((l, r) => [l.name, r]));
    const lossRow = zLayers.length;
    const gradRow = (j: number) => lossRow + 1 + j;
    const weightRow = (j: number) => lossRow + 1 + grads.length + j;
    const bad = (row: number): 'nan' | 'inf' | null => {
      const [finite, nan] = flags[row] as [number, number];
      return finite === 1 ? null : nan === 1 ? 'nan' : 'inf';
    };
    const robust = values.array('norms');
    const norms = new Map(gradKeys.map((key, j) => [key, robust[j]!]));
    const act = actLayers.length ? values.rows('act', actLayers.length) : undefined;
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
    return { divergence: firstNonFinite(), norms, act };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.registry.dispose();
    this.cfg.optimizer.dispose();
    this.probeSet?.dispose();
    this.x.dispose();
    this.y.dispose();
    this.labels?.dispose();
    for (const t of this.constants.values()) t.dispose();
  }
}

/** Σg² under this (float32's normal range ends at 1.2e-38) is recomputed by Trainer.preciseNorms. */
const TINY_SQUARE = 1e-30;

function isAllFinite(m: StepMetrics): boolean {
  const nums: number[] = [m.loss, m.globalNorm];
  if (m.penalty !== undefined) nums.push(m.penalty);
  if (m.appliedNorm !== undefined) nums.push(m.appliedNorm);
  for (const l of m.layers) {
    nums.push(l.gradNormW, l.gradNormB);
    if (l.gradNormAct !== undefined) nums.push(l.gradNormAct);
    if (l.weightNorm !== undefined) nums.push(l.weightNorm);
    // saturated/dead are NaN only when z held a NaN (fast masks): to be recomputed by the diagnosis.
    if (l.act) nums.push(l.act.mean, l.act.saturated, l.act.dead);
  }
  return nums.every(Number.isFinite);
}
