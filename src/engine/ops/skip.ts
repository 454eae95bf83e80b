/**
 * h + α·f, a residual block's output, as one op: its backward hands dy to h
 * and α·dy to f and saves nothing (tfjs's Add gradient saves copies of both
 * operands, for a broadcast that never happens here).
 */
import * as tf from '@tensorflow/tfjs-core';

export function skipAdd(h: tf.Tensor, f: tf.Tensor, alpha: number): tf.Tensor {
  if (!tf.util.arraysEqual(h.shape, f.shape)) throw new Error(`skipAdd: shapes ${JSON.stringify(h.shape)} + ${JSON.stringify(f.shape)}`);
  const op = tf.customGrad((h, f) => ({
    value: tf.add(h as tf.Tensor, alpha === 1 ? (f as tf.Tensor) : tf.mul(f as tf.Tensor, alpha)),
    // Each input gets its own tensor (clone: no copy of the data): the tape may dispose one when it accumulates.
    gradFunc: (dy) => [dy as tf.Tensor, alpha === 1 ? tf.clone(dy as tf.Tensor) : tf.mul(dy as tf.Tensor, alpha)],
  }));
  return op(h, f);
}
