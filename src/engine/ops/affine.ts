/**
 * z = x·W + b (x [n, in], W [in, out], b [out]) as one differentiable op:
 * ∂x = dz·Wᵀ, ∂W = xᵀ·dz, ∂b = Σ_rows dz — the products and the sum that
 * tfjs's MatMul and Add gradients compute, so the same numbers, in fewer
 * kernels: through tfjs's own gradients the affine part of a dense layer is
 * two tape nodes that save copies of x and W (two Identity kernels per layer
 * and step) and reshape what is already right-shaped. Here x and W are
 * retained (retained.ts), and where x is data (the first layer) its gradient
 * is not computed at all.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { product } from './matmul-grad';
import { forBackward } from './retained';

export interface AffineOptions {
  /** x is the input batch: made outside the differentiated function (so alive throughout) and not differentiated (no ∂x). */
  xIsData?: boolean;
  /** With `xIsData`: xᵀ, made once by the caller (data does not change): no transpose per step. */
  dataT?: tf.Tensor2D;
  retain?: Retain;
  /**
   * A [1, n] row of ones (n = x's rows), made once by the caller: ∂b is then
   * the product ones·dz, ~2.5× faster on wasm than Sum over axis 0 (which
   * transposes first); the same sum, in another order.
   */
  ones?: tf.Tensor2D;
}

// Not tf.fused.matMul: its wrapper reshapes to rank 3 and back (three kernels more than it saves).
const value = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);

/** Σ_rows dz as a [cols] vector, as a product with a row of ones when there is one (batchnorm.ts's sums too). */
export const sumRows = (dz: tf.Tensor, ones?: tf.Tensor2D) => (ones ? tf.reshape(tf.matMul(ones, dz as tf.Tensor2D), [dz.shape[1]!]) : tf.sum(dz, 0));

export function affine(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, opts: AffineOptions = {}): tf.Tensor2D {
  if (x.rank !== 2 || w.rank !== 2 || b.rank !== 1 || x.shape[1] !== w.shape[0] || b.shape[0] !== w.shape[1]) {
    throw new Error(`affine: shapes ${JSON.stringify(x.shape)}·${JSON.stringify(w.shape)} + ${JSON.stringify(b.shape)}`);
  }
  const { retain, ones, dataT } = opts;
  if (ones && (ones.rank !== 2 || ones.shape[0] !== 1 || ones.shape[1] !== x.shape[0])) throw new Error(`affine: ones ${JSON.stringify(ones.shape)} for ${x.shape[0]} rows`);
  if (opts.xIsData) {
    // x is a constant of this op, not an input: the tape asks for no ∂x.
    const op = tf.customGrad((w, b) => ({
      value: value(x, w as tf.Tensor, b as tf.Tensor),
      gradFunc: (dz) => [dataT ? tf.matMul(dataT, dz as tf.Tensor2D) : product(x, dz as tf.Tensor, true, false), sumRows(dz as tf.Tensor, ones)],
    }));
    return op(w, b) as tf.Tensor2D;
  }
  const op = tf.customGrad((x, w, b, save) => {
    const get = forBackward([x as tf.Tensor, w as tf.Tensor], save, retain);
    return {
      value: value(x as tf.Tensor, w as tf.Tensor, b as tf.Tensor),
      gradFunc: (dz, saved) => {
        const [xs, ws] = get(saved);
        const g = dz as tf.Tensor;
        // ∂W before ∂b: on wasm, ones·dz then reuses the packing of dz that xᵀ·dz made (engine README).
        return [product(g, ws, false, true), product(xs, g, true, false), sumRows(g, ones)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}
