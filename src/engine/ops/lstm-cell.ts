/**
 * The LSTM cell as tfjs ops, one time step, differentiated by tfjs: the path on the backends
 * whose data is on the GPU (webgl, webgpu), and the reference the sequence kernel
 * (recurrent-sequence.ts) is tested against. From the gate pre-activations
 * p = x_t·W_x + h_{t−1}·W_h + b ([n, 4H], gates in PyTorch's order i, f, g, o) and the previous
 * cell state c ([n, H]):
 *
 *   i = σ(p_i), f = σ(p_f), g = tanh(p_g), o = σ(p_o)
 *   c′ = f⊙c + i⊙g + q_c,   h = o⊙tanh(c′) + q_h
 *
 * with q_c, q_h the probes on c′ and h (zeros: probes.ts), so that their gradients are the full
 * ∂L/∂c_t (through h_t too) and ∂L/∂h_t. Also outputs the gates [i, f, g, o] ([n, 4H]), from
 * which the forget-gate metric takes its mean.
 */
import * as tf from '@tensorflow/tfjs-core';
import { addMany } from './add-many';

export interface LstmCellOut {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
  /** The gates, [i, f, g, o], [n, 4H]. */
  gates: tf.Tensor2D;
}

export function lstmCellComposed(pre: tf.Tensor2D, c: tf.Tensor2D, qc: tf.Tensor2D, qh: tf.Tensor2D): LstmCellOut {
  const [pi, pf, pg, po] = tf.split(pre, 4, 1);
  const i = tf.sigmoid(pi!);
  const f = tf.sigmoid(pf!);
  const g = tf.tanh(pg!);
  const o = tf.sigmoid(po!);
  const cNew = tf.addN([tf.mul(f, c), tf.mul(i, g), qc]) as tf.Tensor2D;
  return { h: tf.add(tf.mul(o, tf.tanh(cNew)), qh) as tf.Tensor2D, c: cNew, gates: tf.concat([i, f, g, o], 1) as tf.Tensor2D };
}

/** The key under which an LSTM layer observes its gates, [rows, 4H] with f the second block of H (ForwardContext.observe). */
export const LSTM_GATES = 'lstm/gates';

/** The mean of f over the batch, the units and the steps, from the gates of every step or of all steps at once. */
export function forgetGateMean(gates: readonly tf.Tensor[]): tf.Scalar {
  const [n, width] = gates[0]!.shape as [number, number];
  const H = width / 4;
  return tf.div(tf.mean(tf.slice(addMany(gates), [0, H], [n, H])), gates.length);
}
