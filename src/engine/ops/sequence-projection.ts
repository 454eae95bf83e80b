/**
 * The input projection of a recurrent layer, split into its time steps, as one op whose
 * gradient also gives W_h's: xp_t = x_t·W_x + b for t = 1…T (x time-major [T·n, F]), and
 * backward, from every step's ∂p_t (= ∂xp_t), the three weight gradients in ONE product:
 *
 *   [∂W_x; ∂W_h; ∂bᵀ]ᵀ = ∂Pᵀ·Z,   ∂P = [∂p_1; …; ∂p_T] [T·n, k],   Z = [x_t | h_{t−1} | 1] [T·n, F + H + 1]
 *
 * (h_0 = 0). W_h is an input of this op only so that the tape hands it this gradient: the cells
 * (lstm-cell.ts, rnn-cell.ts) compute h_{t−1}·W_h themselves and return only ∂xp_t and ∂h_{t−1}.
 *
 * Why. On wasm a product packs its right operand (XNNPACK) unless it has seen that tensor
 * before. Written as tfjs ops (xᵀ·∂P, h_{t−1}ᵀ·∂P, ones·∂P) each gradient packs ∂P, [3200 × 128]
 * at T = 50, n = 64: ~8 ms of a ~30 ms LSTM step. Here ∂P is written transposed as it is
 * gathered and the packed operand is Z, a quarter of the size; the stack, the concatenation and
 * the transposes that tfjs would run become loops over the data once.
 *
 * Only on the backends whose data lives in this thread (host-kernels.ts); other backends use
 * tfjs ops (recurrent-affine.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { compute, hosts } from './host-kernels';

const PROJECT = 'GcSequenceProjection';
const PROJECT_GRAD = 'GcSequenceProjectionGrad';

/** h_1…h_{T−1} of each projection, filled by the layer as it steps, keyed by the kernel's attribute object. */
const states = new WeakMap<object, tf.Tensor[]>();

for (const [backendName, host] of Object.entries(hosts)) {
  tf.registerKernel({
    kernelName: PROJECT,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, wx, b } = inputs as Record<string, tf.TensorInfo>;
      const T = (attrs as unknown as { steps: number }).steps;
      const on = host(backend);
      const k = wx!.shape[1]!;
      const rows = x!.shape[0]! / T;
      const xw = on.matMul(x!, wx!);
      const outs = compute(on, Array.from({ length: T }, () => [rows, k]), [xw, b!], ([p, bias], steps) => {
        steps.forEach((out, t) => {
          for (let r = 0; r < rows; r++) {
            const from = (t * rows + r) * k;
            for (let j = 0; j < k; j++) out[r * k + j] = p![from + j]! + bias![j]!;
          }
        });
      });
      on.free(xw);
      return outs;
    },
  });
  tf.registerKernel({
    kernelName: PROJECT_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { steps: T, units: H } = attrs as unknown as { steps: number; units: number };
      const named = inputs as Record<string, tf.TensorInfo>;
      const x = named.x!;
      const dps = Array.from({ length: T }, (_, t) => named[`dp${t}`]!);
      const hs = Array.from({ length: T - 1 }, (_, t) => named[`h${t + 1}`]!);
      const [n, k] = dps[0]!.shape as [number, number];
      const F = x.shape[1]!;
      const width = F + H + 1;
      const rows = T * n;
      const on = host(backend);
      const [dpT, z] = compute(on, [[k, rows], [rows, width]], [x, ...dps, ...hs], ([xv, ...rest], [dpTv, zv]) => {
        for (let t = 0; t < T; t++) {
          const dp = rest[t]!;
          const h = t > 0 ? rest[T + t - 1]! : null;
          for (let r = 0; r < n; r++) {
            const row = t * n + r;
            for (let j = 0; j < k; j++) dpTv![j * rows + row] = dp[r * k + j]!;
            const zr = row * width;
            for (let f = 0; f < F; f++) zv![zr + f] = xv![row * F + f]!;
            for (let u = 0; u < H; u++) zv![zr + F + u] = h ? h[r * H + u]! : 0;
            zv![zr + F + H] = 1;
          }
        }
      });
      const prod = on.matMul(dpT!, z!); // [k, F + H + 1]
      on.free(dpT!);
      on.free(z!);
      const outs = compute(on, [[F, k], [H, k], [k]], [prod], ([g], [dwx, dwh, db]) => {
        for (let j = 0; j < k; j++) {
          for (let f = 0; f < F; f++) dwx![f * k + j] = g![j * width + f]!;
          for (let u = 0; u < H; u++) dwh![u * k + j] = g![j * width + F + u]!;
          db![j] = g![j * width + F + H]!;
        }
      });
      on.free(prod);
      return outs;
    },
  });
}

tf.registerGradient({
  kernelName: PROJECT,
  gradFunc: (dy, _saved, attrs) => {
    const hs = states.get(attrs as object);
    if (!hs) throw new Error(`${PROJECT}: no states recorded`);
    const { x, wx, units, steps } = attrs as unknown as { x: tf.Tensor2D; wx: tf.Tensor2D; units: number; steps: number };
    const dps = dy as tf.Tensor2D[];
    if (hs.length !== steps - 1) throw new Error(`${PROJECT}: ${hs.length} states recorded for ${steps} steps`);
    const inputs: tf.NamedTensorMap = { x };
    dps.forEach((dp, t) => (inputs[`dp${t}`] = dp));
    hs.forEach((h, t) => (inputs[`h${t + 1}`] = h));
    const [dwx, dwh, db] = tf.engine().runKernel(PROJECT_GRAD, inputs, { steps, units } as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return {
      // Only when x is not the data (a recurrent layer after another layer): the tape asks for no ∂x otherwise.
      x: () => tf.matMul(tf.concat(dps), wx, false, true),
      wx: () => dwx!,
      b: () => db!,
      wh: () => dwh!,
    };
  },
});

/** Whether the current backend has the projection as our kernel (cpu, wasm). */
export function hasSequenceProjection(): boolean {
  return tf.getKernel(PROJECT, tf.getBackend()) !== undefined;
}

/**
 * What a cell kernel that computes p_t = xp_t + h·W_h itself needs (lstm-cell.ts, rnn-cell.ts): its
 * gradient returns ∂xp_t = ∂p and ∂h = ∂p·W_hᵀ; W_h's own gradient comes from the projection.
 */
export interface RecurrentInput {
  readonly xp: tf.Tensor2D;
  readonly h: tf.Tensor2D;
  readonly wh: tf.Tensor2D;
  readonly whT: tf.Tensor2D;
}

export interface SequenceProjection {
  /** xp_t = x_t·W_x + b, t = 1…T. */
  readonly steps: tf.Tensor2D[];
  /** Hands the projection h_t (t = 1…T−1, in order) for W_h's gradient; it must stay alive through the backward pass (retain). */
  record(h: tf.Tensor2D): void;
}

/**
 * x [T·n, F] time-major, W_x [F, k], b [k], W_h [H, k]: xp_t for every t, differentiable in x, W_x, b
 * and (through the recorded h_t and the cells' ∂p_t) W_h.
 */
export function projectSequence(x: tf.Tensor2D, wx: tf.Tensor2D, b: tf.Tensor1D, wh: tf.Tensor2D, steps: number, retain: Retain): SequenceProjection {
  const units = wh.shape[0];
  if (x.shape[0] % steps !== 0 || x.shape[1] !== wx.shape[0] || b.shape[0] !== wx.shape[1] || wh.shape[1] !== wx.shape[1]) {
    throw new Error(`projectSequence: x ${JSON.stringify(x.shape)}, Wx ${JSON.stringify(wx.shape)}, b ${JSON.stringify(b.shape)}, Wh ${JSON.stringify(wh.shape)}, ${steps} steps`);
  }
  // x and W_x ride in the attributes, for ∂x = ∂P·W_xᵀ.
  const attrs = { steps, units, x: retain(x), wx: retain(wx) };
  const hs: tf.Tensor[] = [];
  states.set(attrs, hs);
  const out = tf.engine().runKernel(PROJECT, { x, wx, b, wh }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  return { steps: out, record: (h) => void hs.push(h) };
}
