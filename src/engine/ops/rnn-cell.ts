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

const RNN_CELL = 'GcRnnCell';
const RNN_CELL_GRAD = 'GcRnnCellGrad';

/** tanh(p) of each retained cell, keyed by the attribute object its kernel ran with (see lstm-cell.ts). */
const retained = new WeakMap<object, tf.Tensor>();

for (const [backendName, host] of Object.entries(hosts)) {
  tf.registerKernel({
    kernelName: RNN_CELL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { pre, qh } = inputs as Record<string, tf.TensorInfo>;
      const shape = [...pre!.shape];
      const on = host(backend);
      const [twice] = compute(on, [shape], [pre!], ([p], [out]) => out!.set(p!.map((v) => 2 * v)));
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
      const { dh, a } = inputs as Record<string, tf.TensorInfo>;
      return compute(host(backend), [[...a!.shape]], [dh!, a!], ([d, t], [dp]) => {
        for (let k = 0; k < t!.length; k++) dp![k] = d![k]! * (1 - t![k]! * t![k]!);
      });
    },
  });
}

tf.registerGradient({
  kernelName: RNN_CELL,
  gradFunc: (dy, _saved, attrs) => {
    const a = retained.get(attrs as object);
    if (!a) throw new Error(`${RNN_CELL}: nothing retained for this cell`);
    const dh = (dy as tf.Tensor[])[0]!;
    const [dp] = tf.engine().runKernel(RNN_CELL_GRAD, { dh, a }) as tf.Tensor[];
    // q_h's gradient is ∂L/∂h itself: h's own gradient is complete here (every consumer of h came later in the pass).
    return { pre: () => dp!, qh: () => dh };
  },
});

/**
 * h = tanh(pre) + qh: one kernel on cpu and wasm inside a training step (`retain` keeps tanh(pre)
 * for the backward pass), tfjs ops otherwise (or when `composed`).
 */
export function rnnCell(pre: tf.Tensor2D, qh: tf.Tensor2D, opts: { composed?: boolean; retain?: Retain } = {}): tf.Tensor2D {
  const { retain } = opts;
  if (opts.composed || !retain || tf.getKernel(RNN_CELL, tf.getBackend()) === undefined) return tf.add(tf.tanh(pre), qh);
  const attrs = {};
  const [h, a] = tf.engine().runKernel(RNN_CELL, { pre, qh }, attrs) as tf.Tensor2D[];
  retained.set(attrs, retain(a!));
  return h!;
}
