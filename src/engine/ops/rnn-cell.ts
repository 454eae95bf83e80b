/**
 * The vanilla RNN's nonlinearity with its probe as one op: h = tanh(p) + q_h (q_h the zero
 * probe on h_t, probes.ts), gradient ∂p = dh⊙(1 − tanh²p), ∂q_h = dh. As tfjs ops this was
 * five kernels a time step (tanh, the probe's add and a copy of its gradient, the three of
 * tanh′); here two on cpu and wasm (host-kernels.ts: tanh(p) = 2σ(2p) − 1 by the backend's
 * own sigmoid), tfjs ops elsewhere. `values` is tanh(p), what the gradient reads.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import type { Retain } from '../models/types';
import { compute, hosts } from './host-kernels';
import type { RecurrentInput } from './sequence-projection';

const RNN_CELL = 'GcRnnCell';
const RNN_CELL_GRAD = 'GcRnnCellGrad';

/** tanh(p) and the RecurrentInput of each retained cell, keyed by the attribute object its kernel ran with (see lstm-cell.ts). */
const retained = new WeakMap<object, { a: tf.Tensor; rec?: RecurrentInput }>();

for (const [backendName, host] of Object.entries(hosts)) {
  tf.registerKernel({
    kernelName: RNN_CELL,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { pre, h: hPrev, qh } = inputs as Record<string, tf.TensorInfo | undefined>;
      const shape = [...pre!.shape];
      const on = host(backend);
      // With the previous h and W_h (sequence-projection.ts): pre is xp_t, and p_t = xp_t + h·W_h here.
      const wh = (attrs as { wh?: tf.TensorInfo }).wh;
      const hw = hPrev && wh ? on.matMul(hPrev, wh) : null;
      const [twice] = compute(on, [shape], hw ? [pre!, hw] : [pre!], ([p, q], [out]) => {
        for (let k = 0; k < out!.length; k++) out![k] = 2 * (p![k]! + (q ? q[k]! : 0));
      });
      if (hw) on.free(hw);
      const sig = on.sigmoid(twice!);
      on.free(twice!);
      const outs = compute(on, [shape, shape], [sig, qh!], ([s, q], [h, a]) => {
        for (let k = 0; k < s!.length; k++) {
          const t = 2 * s![k]! - 1;
          a![k] = t;
          h![k] = t + q![k]!;
        }
      });
      on.free(sig);
      return outs;
    },
  });
  tf.registerKernel({
    kernelName: RNN_CELL_GRAD,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { dh, a, whT } = inputs as Record<string, tf.TensorInfo | undefined>;
      const on = host(backend);
      const [dp] = compute(on, [[...a!.shape]], [dh!, a!], ([d, t], [dp]) => {
        for (let k = 0; k < t!.length; k++) dp![k] = d![k]! * (1 - t![k]! * t![k]!);
      });
      // With W_hᵀ (the cell computed h·W_h): ∂h_{t−1} = ∂p·W_hᵀ, here rather than as a kernel of its own.
      return whT ? [dp!, on.matMul(dp!, whT)] : [dp!];
    },
  });
}

tf.registerGradient({
  kernelName: RNN_CELL,
  gradFunc: (dy, _saved, attrs) => {
    const kept = retained.get(attrs as object);
    if (!kept) throw new Error(`${RNN_CELL}: nothing retained for this cell`);
    const dh = (dy as tf.Tensor[])[0]!;
    const rec = kept.rec;
    const [dp, dhPrev] = tf.engine().runKernel(RNN_CELL_GRAD, { dh, a: kept.a, ...(rec ? { whT: rec.whT } : {}) }) as tf.Tensor2D[];
    // q_h's gradient is ∂L/∂h itself: h's own gradient is complete here (every consumer of h came later in the pass).
    const grads = { pre: () => dp!, qh: () => dh };
    return rec ? { ...grads, h: () => dhPrev! } : grads;
  },
});

/**
 * h = tanh(pre) + qh: one kernel on cpu and wasm inside a training step (`retain` keeps tanh(pre)
 * for the backward pass), tfjs ops otherwise (or when `composed`). `pre` is p_t or, for the
 * kernel, the step's RecurrentInput: it then computes p_t = xp_t + h·W_h itself.
 */
export function rnnCell(input: tf.Tensor2D | RecurrentInput, qh: tf.Tensor2D, opts: { composed?: boolean; retain?: Retain } = {}): tf.Tensor2D {
  const rec = input instanceof tf.Tensor ? undefined : input;
  const pre = rec ? rec.xp : (input as tf.Tensor2D);
  const { retain } = opts;
  if (opts.composed || !retain || !hasFusedRnnCell()) {
    if (rec) throw new Error('rnnCell: a RecurrentInput needs the fused cell and retain');
    return tf.add(tf.tanh(pre), qh);
  }
  // W_h rides in the attributes, not the inputs: its gradient comes in one product over all steps (sequence-projection.ts).
  const attrs = rec ? { wh: rec.wh } : {};
  const inputs: tf.NamedTensorMap = rec ? { pre, h: rec.h, qh } : { pre, qh };
  const [h, a] = tf.engine().runKernel(RNN_CELL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  retained.set(attrs, { a: retain(a!), ...(rec ? { rec } : {}) });
  return h!;
}

/** Whether the current backend runs the RNN cell as our kernel (cpu, wasm). */
export function hasFusedRnnCell(): boolean {
  return tf.getKernel(RNN_CELL, tf.getBackend()) !== undefined;
}
