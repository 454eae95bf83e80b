/**
 * x [T, …] into its T slices along the first axis, differentiable (the gradient stacks them
 * back, as tfjs's Unpack does). tfjs's wasm Slice copies the whole input out of the heap for
 * every slice it cuts (readSync), so tf.unstack of an LSTM's [50, 64, 128] input projection
 * copied 80 MB a training step, a quarter of the step's time. Here, on cpu and wasm
 * (host-kernels.ts), each slice copies only itself; other backends use tf.unstack.
 */
import * as tf from '@tensorflow/tfjs-core';
import { compute, hosts } from './host-kernels';

const UNSTACK = 'GcUnstackFirst';

for (const [backendName, host] of Object.entries(hosts)) {
  tf.registerKernel({
    kernelName: UNSTACK,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { x } = inputs as { x: tf.TensorInfo };
      const [T, ...rest] = x.shape;
      const size = rest.reduce((a, b) => a * b, 1);
      return compute(host(backend), Array.from({ length: T! }, () => rest), [x], ([xv], outs) =>
        outs.forEach((o, t) => o.set(xv!.subarray(t * size, (t + 1) * size))));
    },
  });
}

// tfjs hands a slice that does not reach the loss a zero gradient, never null.
tf.registerGradient({ kernelName: UNSTACK, gradFunc: (dy) => ({ x: () => tf.stack(dy as tf.Tensor[]) }) });

export function unstackFirst(x: tf.Tensor): tf.Tensor[] {
  if (tf.getKernel(UNSTACK, tf.getBackend()) === undefined) return tf.unstack(x);
  return tf.engine().runKernel(UNSTACK, { x }) as tf.Tensor[];
}
