/**
 * A recurrent layer unrolled over the sequence, differentiated by tfjs's
 * autodiff through every step (backpropagation through time):
 *
 *   RNN:   h_t = tanh(x_t·W_x + h_{t−1}·W_h + b)
 *   LSTM:  p_t = x_t·W_x + h_{t−1}·W_h + b → gates i, f, g, o → c_t, h_t (ops/lstm-cell.ts)
 *
 * h_0 = c_0 = 0. The input is the batch time-major, [T·n, features] (the
 * trainer's layout for sequences): one product gives x_t·W_x + b for all t.
 * The layer outputs h_T. Every h_t (and c_t) has a probe, so a step can
 * report ‖∂L/∂h_t‖ for every t (metrics/time.ts). One reporting layer; its
 * weights are W_x and W_h together.
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
import { hasFusedCell, LSTM_VALUES, lstmCell } from '../ops/lstm-cell';
import { recurrentProducts } from '../ops/recurrent-affine';
import { hasFusedRnnCell, rnnCell } from '../ops/rnn-cell';
import { hasSequenceProjection, projectSequence, type RecurrentInput } from '../ops/sequence-projection';
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

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const { length: T, units: H, cell } = this.opts;
    const rows = x.shape[0]!;
    if (x.rank !== 2 || rows % T !== 0 || x.shape[1] !== this.opts.inDim) throw new Error(`${this.name}: input ${JSON.stringify(x.shape)} is not [T·n, ${this.opts.inDim}] with T = ${T}`);
    const n = rows / T;
    const wx = ctx.param(`${this.name}/Wx`) as tf.Tensor2D;
    const wh = ctx.param(`${this.name}/Wh`) as tf.Tensor2D;
    const b = ctx.param(`${this.name}/b`) as tf.Tensor1D;
    // Our kernels (cpu, wasm): the cells compute xp_t + h·W_h themselves, one kernel a step, and
    // the projection gives every weight's gradient in one product (ops/sequence-projection.ts).
    const fused = !this.opts.composed && hasSequenceProjection() && (cell === 'lstm' ? hasFusedCell() : hasFusedRnnCell());
    let xp: tf.Tensor2D[];
    let step: (t: number, h: tf.Tensor2D) => tf.Tensor2D | RecurrentInput;
    if (fused) {
      const projection = projectSequence(x as tf.Tensor2D, wx, b, wh, T, ctx.retain);
      const whT = ctx.retain(tf.transpose(wh));
      xp = projection.steps;
      step = (t, h) => {
        projection.record(ctx.retain(h));
        return { xp: xp[t]!, h, wh, whT };
      };
    } else {
      const products = recurrentProducts(wh, ctx.retain);
      // Every step's x_t·W_x + b in one product, then one tensor per step.
      xp = tf.unstack(products.project(linear(ctx, x, wx, b), T)) as tf.Tensor2D[];
      step = (t, h) => products.step(xp[t]!, h);
    }
    let h: tf.Tensor2D | null = null;
    const zeros = ctx.constant(`zeros:${n}x${H}`, () => tf.zeros([n, H])) as tf.Tensor2D;
    let c = zeros;
    const values: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const pre = h ? step(t, h) : xp[t]!;
      const probe = (state: 'h' | 'c') => (ctx.probeTensor(timeProbe(this.name, state, t + 1)) ?? zeros) as tf.Tensor2D;
      if (cell === 'lstm') {
        const out = lstmCell(pre, c, probe('c'), probe('h'), { composed: this.opts.composed, retain: ctx.retain });
        ({ c, h } = out);
        values.push(out.values);
      } else {
        h = rnnCell(pre, probe('h'), { composed: this.opts.composed, retain: ctx.retain });
      }
    }
    // For the forget-gate metric, which reduces them after the backward pass (off the tape).
    if (values.length) ctx.observe(LSTM_VALUES, values);
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
