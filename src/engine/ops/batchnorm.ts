/**
 * Batch normalisation of x [n, d] over its rows, with the batch's own
 * statistics (training mode of PyTorch's BatchNorm1d):
 *
 *   y = γ·x̂ + β,  x̂ = (x − μ_B)·r,  r = 1/√(σ²_B + ε)
 *
 * (μ_B, σ²_B: the batch's mean and biased variance), and its closed-form
 * gradient (Σ over rows)
 *
 *   ∂β = Σ dy,  ∂γ = Σ dy·x̂,  ∂x = γ·r·(dy − (∂β + x̂·∂γ)/n).
 *
 * Through tfjs's own gradients the same function is a dozen tape nodes, most
 * saving copies of their inputs. Here the statistics are computed off the
 * tape (batchStatistics) and batchNorm's gradient accounts for them; what
 * the backward pass reads is retained (retained.ts); sums and means over
 * rows are products with a constant row (affine.ts's ∂b).
 *
 * Why two ops: a tensor kept past a custom op's forward pass must be one of
 * its inputs or its output (tfjs's leak check, on in tests, counts the
 * rest). So the statistics are the output of one op, and batchNorm's
 * backward recomputes x̂ from x (two kernels) rather than keeping it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { sumRows } from './affine';
import { forBackward } from './retained';

export interface BatchStatistics {
  /** μ_B, [d]. */
  mean: tf.Tensor1D;
  /** r = 1/√(σ²_B + ε), [d]. */
  rstd: tf.Tensor1D;
  /** (1 − m)·running mean + m·μ_B. */
  runningMean: tf.Tensor1D;
  /** (1 − m)·running variance + m·σ²_B·n/(n − 1): the unbiased batch variance, as PyTorch. */
  runningVar: tf.Tensor1D;
}

export interface StatisticsOptions {
  eps: number;
  /** m, the batch's weight in the running averages. */
  momentum: number;
  runningMean: tf.Tensor1D;
  runningVar: tf.Tensor1D;
  /** A [1, n] row of 1/n, made once by the caller: means over rows as products. */
  means?: tf.Tensor2D;
}

/**
 * The batch's statistics and the new running averages, made in one custom
 * op's forward pass, so off the tape: the loss depends on them only through
 * batchNorm, whose gradient accounts for them.
 */
export function batchStatistics(x: tf.Tensor2D, opts: StatisticsOptions): BatchStatistics {
  const n = x.shape[0];
  if (n < 2) throw new Error(`batch statistics need 2 or more rows, got ${n}`);
  const { eps, momentum: m, means } = opts;
  const rowMean = (t: tf.Tensor): tf.Tensor2D => (means ? tf.matMul(means, t as tf.Tensor2D) : tf.mean(t, 0, true));
  const blend = (running: tf.Tensor1D, batch: tf.Tensor, weight: number) => tf.add(tf.mul(running, 1 - m), tf.mul(batch, weight));
  const stacked = tf.customGrad((x) => {
    const mean = rowMean(x as tf.Tensor);
    const variance = rowMean(tf.square(tf.sub(x as tf.Tensor, mean)));
    return {
      value: tf.concat([mean, tf.rsqrt(tf.add(variance, eps)), blend(opts.runningMean, mean, m), blend(opts.runningVar, variance, (m * n) / (n - 1))]),
      gradFunc: () => {
        throw new Error('batchStatistics is not differentiated: batchNorm accounts for the statistics');
      },
    };
  })(x);
  const [mean, rstd, runningMean, runningVar] = tf.unstack(stacked) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  return { mean, rstd, runningMean, runningVar };
}

export interface BatchNormOpOptions {
  retain?: Retain;
  /** A [1, n] row of ones, made once by the caller: sums over rows as products. */
  ones?: tf.Tensor2D;
}

/** y = γ·(x − μ_B)·r + β, μ_B and r from batchStatistics(x). */
export function batchNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, stats: Pick<BatchStatistics, 'mean' | 'rstd'>, opts: BatchNormOpOptions = {}): tf.Tensor2D {
  const { retain, ones } = opts;
  const n = x.shape[0];
  const standardize = (x: tf.Tensor, mean: tf.Tensor, rstd: tf.Tensor) => tf.mul(tf.sub(x, mean), rstd);
  const op = tf.customGrad((x, gamma, beta, save) => {
    const get = forBackward([x as tf.Tensor, gamma as tf.Tensor, stats.mean, stats.rstd], save, retain);
    return {
      value: tf.add(tf.mul(standardize(x as tf.Tensor, stats.mean, stats.rstd), gamma as tf.Tensor), beta as tf.Tensor),
      gradFunc: (dy, saved) => {
        const [xs, g, mean, rstd] = get(saved);
        const d = dy as tf.Tensor;
        const xhat = standardize(xs, mean, rstd);
        const dGamma = sumRows(tf.mul(d, xhat), ones);
        const dBeta = sumRows(d, ones);
        // dy less its mean and its projection on x̂ (how x moves μ_B and σ²_B), times γ·r.
        const dx = tf.mul(tf.mul(g, rstd), tf.sub(d, tf.div(tf.add(tf.mul(xhat, dGamma), dBeta), n)));
        return [dx, dGamma, dBeta];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}
