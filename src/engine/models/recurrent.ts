/**
 * A recurrent layer unrolled over the sequence, differentiated by tfjs's
 * autodiff through every step (backpropagation through time):
 *
 *   RNN:   h_t = tanh(x_t·W_x + h_{t−1}·W_h + b)
 *   LSTM:  p_t = x_t·W_x + h_{t−1}·W_h + b → gates i, f, g, o → c_t, h_t
 *
 * h_0 = c_0 = 0. The input is the batch time-major, [T·n, features] (the
 * trainer's layout for sequences): one product gives x_t·W_x + b for all t.
 * The layer outputs h_T. Every h_t (and c_t) has a probe, so a step can
 * report ‖∂L/∂h_t‖ for every t (metrics/time.ts). One reporting layer; its
 * weights are W_x and W_h together. On cpu and wasm the whole pass is one
 * kernel and its gradient another (ops/recurrent-sequence.ts); elsewhere the
 * cell runs as tfjs ops step by step (ops/lstm-cell.ts).
 *
 * Initialisation: W_x Glorot uniform; W_h per gate an H × H matrix, orthogonal
 * times a gain or Gaussian N(0, gain²/H) (so "gain 1" means the same for the
 * RNN and for each LSTM gate; Keras orthogonalises the whole H × 4H matrix,
 * which gives each gate's block about half that gain); biases 0 but the
 * LSTM's forget gate, which starts at `forgetBias` (Keras's unit_forget_bias
 * is 1; PyTorch draws every bias from U(±1/√H), about 0).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initWeights } from '../init';
import { LSTM_GATES, lstmCellComposed } from '../ops/lstm-cell';
import { recurrentProducts } from '../ops/recurrent-affine';
import { hasRecurrentSequence, recurrentSequence } from '../ops/recurrent-sequence';
import type { RecurrentSpec } from '../reproduce/spec';
import type { Rng } from '../rng';
import { linear } from './steps';
import type { Block, ForwardContext, LayerInfo, ParamDecl, ProbeSpec } from './types';

export type CellKind = 'rnn' | 'lstm';
export type RecurrentInit = 'orthogonal' | 'gaussian';

export interface RecurrentOptions {
  name: string;
  cell: CellKind;
  /** Features per time step. */
  inDim: number;
  units: number;
  /** Sequence length T. */
  length: number;
  /** W_h's draw: orthogonal × gain, or N(0, gain²/H). Default orthogonal, gain 1. */
  recurrentInit?: RecurrentInit;
  gain?: number;
  /** LSTM only: the forget gate's initial bias. Default 1. */
  forgetBias?: number;
  /** The cell as tfjs ops even where a kernel of ours exists (tests). */
  composed?: boolean;
}

/** Name of the probe on h_t (state 'h') or c_t ('c'), t = 1…T. */
export const timeProbe = (layer: string, state: 'h' | 'c', t: number) => `${layer}/${state}${t}`;

export class Recurrent implements Block {
  readonly name: string;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  private readonly opts: RecurrentOptions;
  /** Gate blocks per unit: 1 (RNN) or 4 (LSTM: i, f, g, o). */
  private readonly gates: number;

  constructor(opts: RecurrentOptions, rng: Rng) {
    this.opts = opts;
    this.name = opts.name;
    const H = opts.units;
    const k = (this.gates = opts.cell === 'lstm' ? 4 : 1);
    const gain = opts.gain ?? 1;
    const wx = initWeights(rng, { name: 'xavier-uniform', gain: 1 }, opts.inDim, k * H);
    const wh = recurrentWeights(rng, opts.recurrentInit ?? 'orthogonal', gain, H, k);
    const b = new Float32Array(k * H);
    if (opts.cell === 'lstm') b.fill(opts.forgetBias ?? 1, H, 2 * H);
    const n = opts.name;
    this.params = [
      { name: `${n}/Wx`, shape: [opts.inDim, k * H], values: wx, role: 'weight', layer: n },
      { name: `${n}/Wh`, shape: [H, k * H], values: wh, role: 'weight', layer: n },
      { name: `${n}/b`, shape: [k * H], values: b, role: 'bias', layer: n },
    ];
    this.layers = [{ name: n, units: H, activation: 'tanh', weights: [`${n}/Wx`, `${n}/Wh`], biases: [`${n}/b`], kind: 'recurrent' }];
  }

  probes(batchSize: number): ProbeSpec[] {
    const { length, units } = this.opts;
    const states = this.opts.cell === 'lstm' ? (['h', 'c'] as const) : (['h'] as const);
    return states.flatMap((state) =>
      Array.from({ length }, (_, i) => ({ name: timeProbe(this.name, state, i + 1), shape: [batchSize, units], layer: this.name, time: i + 1, state })));
  }

  describe(): RecurrentSpec {
    const n = this.name;
    return { type: 'recurrent', name: n, cell: this.opts.cell, length: this.opts.length, units: this.opts.units, wx: `${n}/Wx`, wh: `${n}/Wh`, b: `${n}/b` };
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const { length: T, units: H, cell } = this.opts;
    const rows = x.shape[0]!;
    if (x.rank !== 2 || rows % T !== 0 || x.shape[1] !== this.opts.inDim) throw new Error(`${this.name}: input ${JSON.stringify(x.shape)} is not [T·n, ${this.opts.inDim}] with T = ${T}`);
    const n = rows / T;
    const wx = ctx.param(`${this.name}/Wx`) as tf.Tensor2D;
    const wh = ctx.param(`${this.name}/Wh`) as tf.Tensor2D;
    const b = ctx.param(`${this.name}/b`) as tf.Tensor1D;
    const zeros = ctx.constant(`zeros:${n}x${H}`, () => tf.zeros([n, H])) as tf.Tensor2D;
    const probes = (state: 'h' | 'c') => Array.from({ length: T }, (_, t) => (ctx.probeTensor(timeProbe(this.name, state, t + 1)) ?? zeros) as tf.Tensor2D);
    let h: tf.Tensor2D;
    const gates: tf.Tensor[] = [];
    if (!this.opts.composed && hasRecurrentSequence()) {
      // cpu, wasm: the whole sequence as one kernel, and its gradient as one more.
      const out = recurrentSequence(cell, { x: x as tf.Tensor2D, wx, b, wh }, probes('h'), cell === 'lstm' ? probes('c') : [], { xIsData: ctx.isData(x), retain: ctx.retain });
      h = out.h;
      gates.push(out.gates);
    } else {
      h = this.stepByStep(x as tf.Tensor2D, { wx, wh, b }, probes('h'), probes('c'), zeros, gates, ctx);
    }
    // For the forget-gate metric, which reduces them after the backward pass (off the tape).
    if (cell === 'lstm') ctx.observe(LSTM_GATES, gates);
    return h;
  }

  /** The cell as tfjs ops, one time step after another (webgl, webgpu; and `composed`). */
  private stepByStep(x: tf.Tensor2D, p: { wx: tf.Tensor2D; wh: tf.Tensor2D; b: tf.Tensor1D }, qh: tf.Tensor2D[], qc: tf.Tensor2D[], zeros: tf.Tensor2D, gates: tf.Tensor[], ctx: ForwardContext): tf.Tensor2D {
    const T = this.opts.length;
    const products = recurrentProducts(p.wh, ctx.retain);
    // Every step's x_t·W_x + b in one product, then one tensor per step.
    const xp = tf.unstack(products.project(linear(ctx, x, p.wx, p.b), T)) as tf.Tensor2D[];
    let h: tf.Tensor2D | null = null;
    let c = zeros;
    for (let t = 0; t < T; t++) {
      const pre = h ? products.step(xp[t]!, h) : xp[t]!;
      if (this.opts.cell === 'lstm') {
        const out = lstmCellComposed(pre, c, qc[t]!, qh[t]!);
        ({ c, h } = out);
        gates.push(out.gates);
      } else {
        h = tf.add(tf.tanh(pre), qh[t]!) as tf.Tensor2D;
      }
    }
    return h!;
  }
}

/** W_h [H, k·H]: k gate blocks of H × H, each orthogonal × gain or N(0, gain²/H), drawn in gate order. */
function recurrentWeights(rng: Rng, init: RecurrentInit, gain: number, H: number, k: number): Float32Array {
  const w = new Float32Array(H * k * H);
  for (let g = 0; g < k; g++) {
    // xavier on H × H: σ = gain·√(2/2H) = gain/√H
    const block = initWeights(rng, { name: init === 'gaussian' ? 'xavier' : 'orthogonal', gain }, H, H);
    for (let r = 0; r < H; r++) w.set(block.subarray(r * H, (r + 1) * H), r * k * H + g * H);
  }
  return w;
}
