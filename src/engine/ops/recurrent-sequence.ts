/**
 * A recurrent layer's whole pass over the sequence as ONE kernel, and its backpropagation
 * through time as one more, on the backends whose tensors live in this thread (cpu, wasm:
 * host-kernels.ts). Other backends run the cell as tfjs ops, step by step (models/recurrent.ts).
 *
 * Forward, x time-major [T·n, F], for t = 1…T:
 *   p_t = [x_t | h_{t−1} | 1]·[W_x; W_h; b]   (one product: XNNPACK packs the weights once for all T)
 *   RNN:  h_t = tanh p_t + q_h,t
 *   LSTM: i, f, g, o from p_t; c_t = f⊙c_{t−1} + i⊙g + q_c,t; h_t = o⊙tanh c_t + q_h,t
 * (h_0 = c_0 = 0; q the probes, zeros: their gradients are the full ∂L/∂h_t, ∂L/∂c_t). Every σ
 * and tanh is the backend's own sigmoid (tanh x = 2σ(2x) − 1: the product's weights come with the
 * tanh columns doubled), the rest loops (cell-loops.ts). Outputs h_T; writes what the backward
 * pass reads into buffers made for it (GcScratch): Z = the rows [x_t | h_{t−1} | 1] of every step,
 * the gates' σ (from which the forget-gate metric takes its mean), the LSTM's c_t and σ(2c_t).
 *
 * Backward, from ∂L/∂h_T, for t = T…1: the cell's gradient by loops, ∂h_{t−1} = ∂p_t·W_hᵀ by
 * the backend's product; at the end the three weight gradients come from ONE product,
 * [∂W_x; ∂W_h; ∂bᵀ]ᵀ = ∂Pᵀ·Z over all steps. (On wasm a product packs its right operand:
 * ∂Pᵀ·Z packs Z, a quarter of ∂P's size.)
 *
 * Why one kernel for the whole sequence. Written as tfjs ops an LSTM training step at T = 50 ran
 * ~1 500 kernels, 47–63 ms on wasm (DESIGN.md), all dispatch; one kernel per cell and step
 * still left ~300 tape nodes and ~6 ms of the engine's bookkeeping. Here the tape has three
 * nodes, and a training step of the issue's reference workload takes ~20 ms in Node (was ~31).
 * Only h_T is differentiable: the layer hands the other outputs to the backward pass and to
 * metrics only (their gradients are taken as zero).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { lstmCellBackward, lstmCellOutput, lstmCellState, rnnCellBackward, rnnCellOutput } from './cell-loops';
import { compute, hosts, type HostAccess } from './host-kernels';

const SEQUENCE = 'GcRecurrentSequence';
const SCRATCH = 'GcScratch';
const SEQUENCE_GRAD = 'GcRecurrentSequenceGrad';

export type SequenceCell = 'rnn' | 'lstm';

interface SequenceAttrs {
  cell: SequenceCell;
  steps: number;
  /** Whether x needs a gradient (it is not the data): the backward kernel then also returns ∂P. */
  needsDx: boolean;
}

const range = (T: number) => Array.from({ length: T }, (_, t) => t);
/** The per-step inputs named `<prefix>0` … `<prefix>{T−1}`. */
const perStep = (named: Record<string, tf.TensorInfo>, prefix: string, T: number) => range(T).map((t) => named[`${prefix}${t}`]!);

function forward(on: HostAccess, named: Record<string, tf.TensorInfo>, { cell, steps: T }: SequenceAttrs): tf.TensorInfo[] {
  const lstm = cell === 'lstm';
  const { x, wx, b, wh } = named as Record<'x' | 'wx' | 'b' | 'wh', tf.TensorInfo>;
  const qh = perStep(named, 'qh', T);
  const qc = lstm ? perStep(named, 'qc', T) : [];
  const [H, k] = wh.shape as [number, number];
  const F = x.shape[1]!;
  const n = x.shape[0]! / T;
  const nH = n * H;
  const zWidth = F + H + 1;
  // What the backward pass reads is written into buffers made for it (scratch), not returned:
  // tfjs would hand each output that does not reach the loss a gradient of zeros, ~3 MB a step.
  const { z, gates, cs, sc } = named as Record<string, tf.TensorInfo | undefined>;
  const [w, a, twiceC] = compute(on, [[zWidth, k], [n, zWidth], ...(lstm ? [[n, H]] : [])], [wx, wh, b], ([wxv, whv, bv], [wv]) => {
    // [W_x; W_h; b], the columns that want a tanh doubled (the LSTM's g, all of the RNN's)
    const twice = (j: number) => (!lstm || (j >= 2 * H && j < 3 * H) ? 2 : 1);
    for (let j = 0; j < k; j++) {
      const s = twice(j);
      for (let f = 0; f < F; f++) wv![f * k + j] = s * wxv![f * k + j]!;
      for (let u = 0; u < H; u++) wv![(F + u) * k + j] = s * whv![u * k + j]!;
      wv![(F + H) * k + j] = s * bv![j]!;
    }
  });
  const h = new Float32Array(nH); // h_{t−1}, h_0 = 0
  for (let t = 0; t < T; t++) {
    // a_t = [x_t | h_{t−1} | 1], kept as Z's rows for the backward pass
    const av = on.view(a!);
    const xv = on.view(x);
    for (let r = 0; r < n; r++) {
      const at = r * zWidth;
      for (let f = 0; f < F; f++) av[at + f] = xv[(t * n + r) * F + f]!;
      av.set(h.subarray(r * H, (r + 1) * H), at + F);
      av[at + F + H] = 1;
    }
    on.view(z!).set(av, t * n * zWidth);
    const p = on.matMul(a!, w!);
    const sig = on.sigmoid(p);
    on.free(p);
    on.view(gates!).set(on.view(sig), t * n * k);
    if (lstm) {
      const c = on.view(cs!);
      lstmCellState(on.view(sig), t ? c.subarray((t - 1) * nH, t * nH) : null, on.view(qc[t]!), n, H, c.subarray(t * nH, (t + 1) * nH), on.view(twiceC!));
      const sigC = on.sigmoid(twiceC!);
      on.view(sc!).set(on.view(sigC), t * nH);
      lstmCellOutput(on.view(sig), on.view(sigC), on.view(qh[t]!), n, H, h);
      on.free(sigC);
    } else {
      rnnCellOutput(on.view(sig), on.view(qh[t]!), h);
    }
    on.free(sig);
  }
  const [hT] = compute(on, [[n, H]], [], (_, [out]) => out!.set(h));
  for (const temp of [w!, a!, ...(twiceC ? [twiceC] : [])]) on.free(temp);
  return [hT!];
}

function backward(on: HostAccess, named: Record<string, tf.TensorInfo>, { cell, steps: T, needsDx }: SequenceAttrs): tf.TensorInfo[] {
  const lstm = cell === 'lstm';
  const { dh: dhT, wh, z, gates, cs, sc } = named as Record<string, tf.TensorInfo>;
  const [H, k] = wh!.shape as [number, number];
  const zWidth = z!.shape[1]!;
  const F = zWidth - H - 1;
  const n = dhT!.shape[0]!;
  const nH = n * H;
  const [whT, dp, dP, ...rest] = compute(
    on,
    [[k, H], [n, k], [T * n, k], ...range(lstm ? 2 * T : T).map(() => [n, H])],
    [wh!],
    ([w], [wT]) => {
      for (let r = 0; r < H; r++) for (let j = 0; j < k; j++) wT![j * H + r] = w![r * k + j]!;
    },
  );
  const dqh = rest.slice(0, T);
  const dqc = rest.slice(T);
  const dh = Float32Array.from(on.view(dhT!));
  const dc = new Float32Array(nH);
  for (let t = T - 1; t >= 0; t--) {
    const dpv = on.view(dp!);
    on.view(dqh[t]!).set(dh);
    if (lstm) {
      const c = on.view(cs!);
      const sigC = on.view(sc!).subarray(t * nH, (t + 1) * nH);
      lstmCellBackward(dh, dc, on.view(gates!).subarray(t * n * k, (t + 1) * n * k), sigC, t ? c.subarray((t - 1) * nH, t * nH) : null, n, H, dpv, on.view(dqc[t]!));
    } else {
      rnnCellBackward(dh, on.view(gates!).subarray(t * nH, (t + 1) * nH), dpv);
    }
    on.view(dP!).set(dpv, t * n * k);
    if (t > 0) {
      const dhPrev = on.matMul(dp!, whT!);
      dh.set(on.view(dhPrev));
      on.free(dhPrev);
    }
  }
  // ∂Pᵀ by the backend's transpose (in JS, even in cache-sized tiles, ~1.5× slower), then the product
  const dPT = on.transpose(dP!);
  const product = on.matMul(dPT, z!); // [k, F + H + 1]
  for (const temp of [whT!, dp!, dPT, ...(needsDx ? [] : [dP!])]) on.free(temp);
  const [dwx, dwh, db] = compute(on, [[F, k], [H, k], [k]], [product], ([g], [dwxv, dwhv, dbv]) => {
    for (let j = 0; j < k; j++) {
      for (let f = 0; f < F; f++) dwxv![f * k + j] = g![j * zWidth + f]!;
      for (let u = 0; u < H; u++) dwhv![u * k + j] = g![j * zWidth + F + u]!;
      dbv![j] = g![j * zWidth + F + H]!;
    }
  });
  on.free(product);
  return [dwx!, dwh!, db!, ...(needsDx ? [dP!] : []), ...dqh, ...dqc];
}

for (const [backendName, host] of Object.entries(hosts)) {
  // Uninitialised tensors of the given shapes, for a kernel to fill.
  tf.registerKernel({
    kernelName: SCRATCH,
    backendName,
    kernelFunc: ({ backend, attrs }) => (attrs as unknown as { shapes: number[][] }).shapes.map((s) => host(backend).alloc(s)),
  });
  tf.registerKernel({
    kernelName: SEQUENCE,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => forward(host(backend), inputs as Record<string, tf.TensorInfo>, attrs as unknown as SequenceAttrs),
  });
  tf.registerKernel({
    kernelName: SEQUENCE_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => backward(host(backend), inputs as Record<string, tf.TensorInfo>, attrs as unknown as SequenceAttrs),
  });
}

/** What each pass's backward reads, kept alive by `retain`, keyed by the attribute object its kernel ran with (the tape hands the gradient that same object). */
const kept = new WeakMap<object, { wx: tf.Tensor; wh: tf.Tensor; z: tf.Tensor; gates: tf.Tensor; cs?: tf.Tensor; sc?: tf.Tensor }>();

tf.registerGradient({
  kernelName: SEQUENCE,
  gradFunc: (dy, _saved, attrs) => {
    const a = attrs as unknown as SequenceAttrs;
    const k = kept.get(attrs as object);
    if (!k) throw new Error(`${SEQUENCE}: nothing retained for this pass`);
    const dhT = (Array.isArray(dy) ? dy[0] : dy)!;
    const inputs: tf.NamedTensorMap = { dh: dhT, wh: k.wh, z: k.z, gates: k.gates, ...(k.cs && k.sc ? { cs: k.cs, sc: k.sc } : {}) };
    const outs = tf.engine().runKernel(SEQUENCE_GRAD, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
    const [dwx, dwh, db] = outs;
    const dP = a.needsDx ? outs[3]! : null;
    const dq = outs.slice(a.needsDx ? 4 : 3);
    const grads: Record<string, () => tf.Tensor> = { wx: () => dwx!, wh: () => dwh!, b: () => db! };
    if (dP) grads.x = () => tf.matMul(dP as tf.Tensor2D, k.wx as tf.Tensor2D, false, true);
    range(a.steps).forEach((t) => {
      grads[`qh${t}`] = () => dq[t]!;
      if (a.cell === 'lstm') grads[`qc${t}`] = () => dq[a.steps + t]!;
    });
    return grads;
  },
});

/** Whether the current backend runs the sequence as our kernels (cpu, wasm). */
export function hasRecurrentSequence(): boolean {
  return tf.getKernel(SEQUENCE, tf.getBackend()) !== undefined;
}

export interface SequenceOut {
  /** h_T, the only differentiable output. */
  h: tf.Tensor2D;
  /** The gates of every step: the LSTM's [T·n, 4H] (i, f, σ(2p_g), o a row: f as in lstmCellComposed's), the RNN's σ(2p_t) [T·n, H]. */
  gates: tf.Tensor2D;
}

/**
 * x [T·n, F] time-major, W_x [F, k·H], b [k·H], W_h [H, k·H] (k = 1 or 4 gates); probes q_h,t
 * (and the LSTM's q_c,t) [n, H] for t = 1…T. Inside a training step only: `retain` keeps what the
 * backward pass reads until the step's gradients are taken.
 */
export function recurrentSequence(
  cell: SequenceCell,
  params: { x: tf.Tensor2D; wx: tf.Tensor2D; b: tf.Tensor1D; wh: tf.Tensor2D },
  probesH: readonly tf.Tensor2D[],
  probesC: readonly tf.Tensor2D[],
  opts: { xIsData: boolean; retain: Retain },
): SequenceOut {
  const { x, wx, b, wh } = params;
  const T = probesH.length;
  const [H, kH] = wh.shape;
  if (kH !== (cell === 'lstm' ? 4 : 1) * H || x.shape[0] % T !== 0 || x.shape[1] !== wx.shape[0] || wx.shape[1] !== kH || b.shape[0] !== kH || probesC.length !== (cell === 'lstm' ? T : 0)) {
    throw new Error(`recurrentSequence(${cell}): x ${JSON.stringify(x.shape)}, Wx ${JSON.stringify(wx.shape)}, b ${JSON.stringify(b.shape)}, Wh ${JSON.stringify(wh.shape)}, ${T} + ${probesC.length} probes`);
  }
  const attrs: SequenceAttrs = { cell, steps: T, needsDx: !opts.xIsData };
  const rows = x.shape[0];
  const lstm = cell === 'lstm';
  const shapes = [[rows, wx.shape[0] + H + 1], [rows, kH], ...(lstm ? [[rows, H], [rows, H]] : [])];
  const scratch = tf.engine().runKernel(SCRATCH, {}, { shapes } as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  const [z, gates, cs, sc] = scratch;
  const inputs: tf.NamedTensorMap = { x, wx, b, wh, z: z!, gates: gates!, ...(cs && sc ? { cs, sc } : {}) };
  probesH.forEach((q, t) => (inputs[`qh${t}`] = q));
  probesC.forEach((q, t) => (inputs[`qc${t}`] = q));
  const [h] = tf.engine().runKernel(SEQUENCE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  const { retain } = opts;
  kept.set(attrs, { wx: retain(wx), wh: retain(wh), z: retain(z!), gates: retain(gates!), ...(cs && sc ? { cs: retain(cs), sc: retain(sc) } : {}) });
  return { h: h!, gates: gates! };
}
