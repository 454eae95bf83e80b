/**
 * Gradient norms of a TensorFlow.js model, logged for the Gradient Clinic's doctor.
 *
 * tf.variableGrads(f, vars) returns the loss and each variable's gradient under the
 * variable's name: one CSV line per variable and step. With the umbrella package,
 * `import * as tf from '@tensorflow/tfjs'` replaces the three imports below (tfjs-core
 * alone registers no backend and no gradients). The demo is a 10-layer sigmoid MLP.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

// --- copy from here ----------------------------------------------------------
export const HEADER = 'step,name,grad_norm,loss';

/** One line per variable, in the order of tf.variableGrads' `vars`: list them input → output. */
export function logGradients(step: number, grads: tf.NamedTensorMap, loss: number): string[] {
  const names = Object.keys(grads); // the variables' names: keep commas out of them
  // All the norms in one tensor: one read back from the GPU, not one per variable.
  const norms = tf.tidy(() => tf.stack(names.map((n) => tf.norm(grads[n]!))).dataSync());
  return names.map((name, i) => `${step},${name},${norms[i]},${i === 0 ? loss : ''}`); // loss once
}
// --- to here -----------------------------------------------------------------

/** Trains the demo MLP with plain SGD for `steps` mini-batches; returns its log as CSV text. */
export function runDemo(steps = 60): string {
  const x = tf.randomNormal([1024, 32], 0, 1, 'float32', 1);
  const col = (j: number) => tf.slice(x, [0, j], [-1, 1]);
  // A synthetic target: do two signs agree?
  const y = tf.tidy(() => tf.cast(tf.greater(tf.mul(col(0), col(1)), 0), 'float32'));
  // Weights uniform in ±0.3 (Glorot's for 32 → 32), biases 0; tidy drops the initial values.
  const vars = tf.tidy(() => Array.from({ length: 10 }, (_, i) => {
    const shape = [32, i < 9 ? 32 : 1];
    const w = tf.randomUniform(shape, -0.3, 0.3, 'float32', i + 2);
    const b = tf.zeros([shape[1]!]);
    return [tf.variable(w, true, `dense${i}/kernel`), tf.variable(b, true, `dense${i}/bias`)];
  }));
  const forward = (h: tf.Tensor) => vars.reduce((h, [w, b], i) => {
    const z = tf.add(tf.matMul(h, w!), b!);
    return i < 9 ? tf.sigmoid(z) : z; // 9 sigmoids: each passes back at most 1/4 of the gradient
  }, h);
  const opt = tf.train.sgd(0.5);
  const lines = [HEADER];
  try {
    for (let step = 0; step < steps; step++) {
      tf.tidy(() => {
        const batch = (t: tf.Tensor) => tf.slice(t, [(step % 16) * 64, 0], [64, -1]); // 16 of 64
        const loss = (): tf.Scalar => tf.losses.sigmoidCrossEntropy(batch(y), forward(batch(x)));
        const { value, grads } = tf.variableGrads(loss, vars.flat());
        lines.push(...logGradients(step, grads, value.dataSync()[0]!));
        opt.applyGradients(grads);
      });
    }
  } finally {
    tf.dispose([x, y, ...vars.flat()]);
    opt.dispose();
  }
  return lines.join('\n') + '\n';
}
