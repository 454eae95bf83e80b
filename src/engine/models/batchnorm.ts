/**
 * Batch normalisation as PyTorch's BatchNorm1d computes it. In training: the
 * batch's mean and biased variance (ops/batchnorm.ts), and new running
 * averages handed to ctx.setState (momentum 0.1: r ← 0.9·r + 0.1·batch; the
 * running variance takes the unbiased batch variance). In evaluation: the
 * running averages. Learnable scale γ (1 at first) and shift β (0).
 *
 * Not a block of its own: a Dense holds one (DenseOptions.norm), and its
 * parameters report under that dense layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchNorm, batchStatistics } from '../ops/batchnorm';
import type { BatchNormSpec } from '../reproduce/spec';
import { onesRow } from './steps';
import type { ForwardContext, ParamDecl } from './types';

export interface BatchNormOptions {
  /** Prefix of its parameter names: '<name>/gamma', '/beta', '/mean', '/var'. */
  name: string;
  units: number;
  /** The reporting layer its parameters belong to. */
  layer: string;
  /** Added to the variance; PyTorch's default. */
  eps?: number;
  /** Weight of the batch in the running averages; PyTorch's default. */
  momentum?: number;
}

export class BatchNorm {
  readonly params: readonly ParamDecl[];
  /** γ's and β's parameter names. */
  readonly scale: string;
  readonly shift: string;
  readonly runningMean: string;
  readonly runningVar: string;
  private readonly eps: number;
  private readonly momentum: number;

  constructor(opts: BatchNormOptions) {
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum ?? 0.1;
    const d = opts.units;
    const decl = (suffix: string, role: ParamDecl['role'], fill: number, trainable: boolean): ParamDecl => ({
      name: `${opts.name}/${suffix}`, shape: [d], values: new Float32Array(d).fill(fill), role, layer: opts.layer, ...(trainable ? {} : { trainable }),
    });
    this.params = [decl('gamma', 'scale', 1, true), decl('beta', 'shift', 0, true), decl('mean', 'state', 0, false), decl('var', 'state', 1, false)];
    [this.scale, this.shift, this.runningMean, this.runningVar] = this.params.map((p) => p.name) as [string, string, string, string];
  }

  describe(): Omit<BatchNormSpec, 'placement'> {
    return { gamma: this.scale, beta: this.shift, mean: this.runningMean, var: this.runningVar, eps: this.eps, momentum: this.momentum };
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const gamma = ctx.param(this.scale) as tf.Tensor1D;
    const beta = ctx.param(this.shift) as tf.Tensor1D;
    const runningMean = ctx.param(this.runningMean) as tf.Tensor1D;
    const runningVar = ctx.param(this.runningVar) as tf.Tensor1D;
    if (!ctx.training) {
      // γ·(x − mean)/√(var + ε) + β as x·s + (β − mean·s).
      const s = tf.mul(gamma, tf.rsqrt(tf.add(runningVar, this.eps)));
      return tf.add(tf.mul(x, s), tf.sub(beta, tf.mul(runningMean, s)));
    }
    const n = x.shape[0]!;
    const means = ctx.constant(`means:${n}`, () => tf.fill([1, n], 1 / n)) as tf.Tensor2D;
    const stats = batchStatistics(x as tf.Tensor2D, { eps: this.eps, momentum: this.momentum, runningMean, runningVar, means });
    ctx.setState(this.runningMean, stats.runningMean);
    ctx.setState(this.runningVar, stats.runningVar);
    return batchNorm(x as tf.Tensor2D, gamma, beta, stats, { retain: ctx.retain, ones: onesRow(ctx, n) });
  }
}
