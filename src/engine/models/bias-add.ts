/**
 * h + b for h [n, units] and b [units], as one op (tf.customGrad) whose
 * gradient is ∂h = dy, ∂b = Σ_rows dy: what tfjs's Add gradient computes,
 * so the same numbers, in fewer kernels.
 *
 * Why: a step costs its kernel dispatches. tfjs's Add gradient saves both
 * inputs (only to read their shapes; the tape clones each with an Identity
 * kernel) and reshapes both gradients even when already right-shaped: 4
 * kernels per layer that this op does without. It saves nothing (so no
 * clone; customGrad's save() clones too, and on wasm under IS_TEST that
 * trips tfjs's kernel leak check).
 *
 * ∂h is dy itself, not a copy: safe only because tfjs's backprop disposes a
 * gradient just when h gets a second one to add, so h must have no other
 * consumer. Callers pass a fresh product used nowhere else.
 */
import * as tf from '@tensorflow/tfjs-core';

const op = tf.customGrad((h, b) => ({
  value: tf.add(h as tf.Tensor, b as tf.Tensor),
  gradFunc: (dy) => [dy as tf.Tensor, tf.sum(dy as tf.Tensor, 0)],
}));

/** h + b, broadcast over rows; h must be a fresh tensor with no other consumer (see above). */
export function biasAdd(h: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (h.rank !== 2 || b.rank !== 1 || b.shape[0] !== h.shape[1]) {
    throw new Error(`biasAdd: shapes ${JSON.stringify(h.shape)} + ${JSON.stringify(b.shape)}`);
  }
  return op(h, b) as tf.Tensor2D;
}
