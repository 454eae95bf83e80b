/**
 * The LSTM cell's elementwise part as one op: from the gate pre-activations
 * p = x_t·W_x + h_{t−1}·W_h + b ([n, 4H], gates in PyTorch's order i, f, g, o)
 * and the previous cell state c ([n, H]):
 *
 *   i = σ(p_i), f = σ(p_f), g = tanh(p_g), o = σ(p_o)
 *   c′ = f⊙c + i⊙g + q_c,   h = o⊙tanh(c′) + q_h
 *
 * Outputs h, c′ and the values its gradient reads, [i, f, g, o, tanh c′] ([n, 5H]). q_c and q_h are
 * the probes on c′ and h (zeros: probes.ts): inside the op, so that their
 * gradients are the full ∂L/∂c_t (through h_t too) and ∂L/∂h_t.
 *
 * Why a kernel of its own. Written as tfjs ops the cell is ~12 kernels
 * forward and ~25 backward per time step; at T = 50 a training step ran
 * ~1 500 kernels, 47–63 ms on wasm (DESIGN.md), all dispatch. On the cpu
 * and wasm backends, whose tensors are plain arrays in this thread, the
 * cell and its gradient are each one kernel here: every σ and tanh by the
 * backend's own (vectorised) sigmoid, the rest loops over n·H entries; the
 * backward pass is arithmetic only, from the values the forward pass kept.
 * Other backends (webgl, webgpu: data on the GPU) get the same formulas as
 * tfjs ops and tfjs's autodiff. Both paths give the same numbers to float32
 * rounding (tested).
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import type { Retain } from '../models/types';
import { addMany } from './add-many';
import { compute, hosts } from './host-kernels';
import type { RecurrentInput } from './sequence-projection';

export const LSTM_CELL = 'GcLstmCell';
const LSTM_CELL_GRAD = 'GcLstmCellGrad';

export interface LstmCellOut {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
  /** What the backward pass reads: the gates' values and tanh(c′), [i, f, g, o, tanh c′], [n, 5H]. */
  values: tf.Tensor2D;
}

/**
 * The gates' pre-activations ready for one sigmoid over all of them: g's doubled, since
 * tanh(x) = 2σ(2x) − 1. Every σ and tanh of the cell runs as the backend's own sigmoid kernel
 * (vectorised on wasm): Math.exp in a JS loop cost ~35 ns an entry, most of the cell's time.
 */
export function gateInputs(pre: Float32Array, hw: Float32Array | null, n: number, units: number, out: Float32Array): void {
  const H = units;
  if (hw) for (let k = 0; k < out.length; k++) out[k] = pre[k]! + hw[k]!;
  else out.set(pre);
  for (let r = 0; r < n; r++) for (let j = 2 * H; j < 3 * H; j++) out[r * 4 * H + j]! *= 2;
}

/** From σ of gateInputs: c′ = f⊙c + i⊙g + q_c, and 2c′ for the sigmoid that gives tanh(c′). */
export function cellState(sig: Float32Array, c: Float32Array, qc: Float32Array, n: number, units: number, cNew: Float32Array, twiceC: Float32Array): void {
  const H = units;
  for (let r = 0; r < n; r++) {
    const row = r * 4 * H;
    for (let j = 0; j < H; j++) {
      const k = r * H + j;
      const cv = sig[row + H + j]! * c[k]! + sig[row + j]! * (2 * sig[row + 2 * H + j]! - 1) + qc[k]!;
      cNew[k] = cv;
      twiceC[k] = 2 * cv;
    }
  }
}

/** From σ of gateInputs and σ(2c′): h = o⊙tanh(c′) + q_h, and the values [i, f, g, o, tanh c′]. */
export function cellOutput(sig: Float32Array, sigTwiceC: Float32Array, qh: Float32Array, n: number, units: number, h: Float32Array, values: Float32Array): void {
  const H = units;
  for (let r = 0; r < n; r++) {
    const row = r * 4 * H;
    const out = r * 5 * H;
    for (let j = 0; j < H; j++) {
      const k = r * H + j;
      const o = sig[row + 3 * H + j]!;
      const tc = 2 * sigTwiceC[k]! - 1;
      h[k] = o * tc + qh[k]!;
      values[out + j] = sig[row + j]!;
      values[out + H + j] = sig[row + H + j]!;
      values[out + 2 * H + j] = 2 * sig[row + 2 * H + j]! - 1;
      values[out + 3 * H + j] = o;
      values[out + 4 * H + j] = tc;
    }
  }
}

/**
 * The backward loops, arithmetic only: from ∂L/∂h, ∂L/∂c′ and ∂L/∂values, and c and the values
 * of the forward pass, ∂L/∂p, ∂L/∂c and ∂L/∂q_c (= ∂L/∂c′ in full); ∂L/∂q_h is ∂L/∂h.
 */
export function cellBackward(
  dh: Float32Array, dc: Float32Array, dValues: Float32Array, c: Float32Array, values: Float32Array, n: number, units: number,
  dPre: Float32Array, dcPrev: Float32Array, dqc: Float32Array,
): void {
  const H = units;
  for (let r = 0; r < n; r++) {
    const row = r * 4 * H;
    const v = r * 5 * H;
    for (let j = 0; j < H; j++) {
      const k = r * H + j;
      const i = values[v + j]!;
      const f = values[v + H + j]!;
      const g = values[v + 2 * H + j]!;
      const o = values[v + 3 * H + j]!;
      const tc = values[v + 4 * H + j]!;
      const dhk = dh[k]!;
      // ∂L/∂c′ in full: its own gradient plus the paths through tanh(c′) (h = o⊙tanh(c′), and the values output)
      const dcv = dc[k]! + (dhk * o + dValues[v + 4 * H + j]!) * (1 - tc * tc);
      dPre[row + j] = (dcv * g + dValues[v + j]!) * i * (1 - i);
      dPre[row + H + j] = (dcv * c[k]! + dValues[v + H + j]!) * f * (1 - f);
      dPre[row + 2 * H + j] = (dcv * i + dValues[v + 2 * H + j]!) * (1 - g * g);
      dPre[row + 3 * H + j] = (dhk * tc + dValues[v + 3 * H + j]!) * o * (1 - o);
      dcPrev[k] = dcv * f;
      dqc[k] = dcv;
    }
  }
}

// ---- the kernels, on the backends whose data lives in this thread (host-kernels.ts) ----------

for (const [backendName, host] of Object.entries(hosts)) {
  tf.registerKernel({
    kernelName: LSTM_CELL,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { pre, h: hPrev, c, qc, qh } = inputs as Record<string, tf.TensorInfo | undefined>;
      const [n, H] = c!.shape as [number, number];
      const on = host(backend);
      // With the previous h and W_h (sequence-projection.ts): pre is xp_t, and p_t = xp_t + h·W_h here.
      const wh = (attrs as { wh?: tf.TensorInfo }).wh;
      const hw = hPrev && wh ? on.matMul(hPrev, wh) : null;
      const [scaled] = compute(on, [[n, 4 * H]], hw ? [pre!, hw] : [pre!], ([p, q], [out]) => gateInputs(p!, q ?? null, n, H, out!));
      if (hw) on.free(hw);
      const sig = on.sigmoid(scaled!);
      on.free(scaled!);
      const [cNew, twiceC] = compute(on, [[n, H], [n, H]], [sig, c!, qc!], ([sv, cv, qcv], [cn, tw]) => cellState(sv!, cv!, qcv!, n, H, cn!, tw!));
      const sigTwiceC = on.sigmoid(twiceC!);
      on.free(twiceC!);
      const [h, values] = compute(on, [[n, H], [n, 5 * H]], [sig, sigTwiceC, qh!], ([sv, st, qhv], [hv, vv]) => cellOutput(sv!, st!, qhv!, n, H, hv!, vv!));
      on.free(sig);
      on.free(sigTwiceC);
      return [h!, cNew!, values!];
    },
  });
  tf.registerKernel({
    kernelName: LSTM_CELL_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { dh, dc, dValues, c, values, whT } = inputs as Record<string, tf.TensorInfo | undefined>;
      const [n, H] = c!.shape as [number, number];
      const on = host(backend);
      const outs = compute(on, [[n, 4 * H], [n, H], [n, H]], [dh!, dc!, dValues!, c!, values!], (v, [dPre, dcPrev, dqc]) =>
        cellBackward(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, n, H, dPre!, dcPrev!, dqc!));
      // With W_hᵀ (the cell computed h·W_h): ∂h_{t−1} = ∂p·W_hᵀ, here rather than as a kernel of its own.
      return whT ? [...outs, on.matMul(outs[0]!, whT)] : outs;
    },
  });
}

/**
 * c, the values and (with the recurrent product inside) the step's RecurrentInput of each
 * retained cell, keyed by the attribute object its kernel ran with (the tape hands the gradient
 * that same object): no copies, and the entry goes with the tape.
 */
const retainedInputs = new WeakMap<object, { c: tf.Tensor; values: tf.Tensor; rec?: RecurrentInput }>();

function cellGradient(dy: tf.Tensor | tf.Tensor[], c: tf.Tensor, values: tf.Tensor, rec?: RecurrentInput) {
  // tfjs hands an output that does not reach the loss (c′ of the last step, the values) a zero gradient, never null.
  const [dh, dc, dValues] = dy as tf.Tensor[];
  const inputs: tf.NamedTensorMap = { dh: dh!, dc: dc!, dValues: dValues!, c, values, ...(rec ? { whT: rec.whT } : {}) };
  const [dPre, dcPrev, dqc, dhPrev] = tf.engine().runKernel(LSTM_CELL_GRAD, inputs) as tf.Tensor[];
  // q_h's gradient is ∂L/∂h itself: h's own gradient is complete here (every consumer of h came later in the pass).
  const grads = { pre: () => dPre!, c: () => dcPrev!, qc: () => dqc!, qh: () => dh! };
  return rec ? { ...grads, h: () => dhPrev! } : grads;
}

tf.registerGradient({
  kernelName: LSTM_CELL,
  gradFunc: (dy, _saved, attrs) => {
    const kept = retainedInputs.get(attrs as object);
    if (!kept) throw new Error(`${LSTM_CELL}: nothing retained for this cell`);
    return cellGradient(dy, kept.c, kept.values, kept.rec);
  },
});

/** Whether the current backend runs the cell as one kernel (cpu, wasm) rather than as tfjs ops. */
export function hasFusedCell(): boolean {
  return tf.getKernel(LSTM_CELL, tf.getBackend()) !== undefined;
}

/** The cell as tfjs ops, differentiated by tfjs: the path on webgl and webgpu, and the reference in tests. */
export function lstmCellComposed(pre: tf.Tensor2D, c: tf.Tensor2D, qc: tf.Tensor2D, qh: tf.Tensor2D): LstmCellOut {
  const [pi, pf, pg, po] = tf.split(pre, 4, 1);
  const i = tf.sigmoid(pi!);
  const f = tf.sigmoid(pf!);
  const g = tf.tanh(pg!);
  const o = tf.sigmoid(po!);
  const cNew = tf.addN([tf.mul(f, c), tf.mul(i, g), qc]) as tf.Tensor2D;
  const tc = tf.tanh(cNew);
  return { h: tf.add(tf.mul(o, tc), qh) as tf.Tensor2D, c: cNew, values: tf.concat([i, f, g, o, tc], 1) as tf.Tensor2D };
}

/**
 * The cell: one kernel where the backend has it, inside a pass with `retain` (ForwardContext.retain:
 * the backward pass reads c and the values themselves, ops/retained.ts); tfjs ops elsewhere, or
 * when `composed`. `pre` is p_t or, for the kernel, the step's RecurrentInput: it then computes
 * p_t = xp_t + h·W_h itself (sequence-projection.ts). qc, qh: the probes on c′ and h, zeros of c's
 * shape (a constant zero tensor when nobody probes).
 */
export function lstmCell(input: tf.Tensor2D | RecurrentInput, c: tf.Tensor2D, qc: tf.Tensor2D, qh: tf.Tensor2D, opts: { composed?: boolean; retain?: Retain } = {}): LstmCellOut {
  const rec = input instanceof tf.Tensor ? undefined : input;
  const pre = rec ? rec.xp : (input as tf.Tensor2D);
  const same = (t: tf.Tensor) => t.rank === 2 && t.shape[0] === c.shape[0] && t.shape[1] === c.shape[1];
  if (pre.rank !== 2 || c.rank !== 2 || pre.shape[0] !== c.shape[0] || pre.shape[1] !== 4 * c.shape[1] || !same(qc) || !same(qh)) {
    throw new Error(`lstmCell: pre ${JSON.stringify(pre.shape)}, c ${JSON.stringify(c.shape)}, probes ${JSON.stringify(qc.shape)} ${JSON.stringify(qh.shape)}`);
  }
  const { retain } = opts;
  if (opts.composed || !retain || !hasFusedCell()) {
    if (rec) throw new Error('lstmCell: a RecurrentInput needs the fused cell and retain');
    return lstmCellComposed(pre, c, qc, qh);
  }
  // W_h rides in the attributes, not the inputs: its gradient comes in one product over all steps (sequence-projection.ts).
  const attrs = rec ? { wh: rec.wh } : {};
  const inputs: tf.NamedTensorMap = rec ? { pre, h: rec.h, c, qc, qh } : { pre, c, qc, qh };
  const [h, cNew, values] = tf.engine().runKernel(LSTM_CELL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  retainedInputs.set(attrs, { c: retain(c), values: retain(values!), ...(rec ? { rec } : {}) });
  return { h: h!, c: cNew!, values: values! };
}

/** The key under which an LSTM layer observes each step's values (ForwardContext.observe). */
export const LSTM_VALUES = 'lstm/values';

/** The mean of f over the batch, the units and the steps, from the values of every step (f is their second block of H). */
export function forgetGateMean(values: readonly tf.Tensor[]): tf.Scalar {
  const [n, width] = values[0]!.shape as [number, number];
  const H = width / 5;
  return tf.div(tf.mean(tf.slice(addMany(values), [0, H], [n, H])), values.length);
}
