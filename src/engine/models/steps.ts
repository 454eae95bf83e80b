/**
 * The steps blocks are made of, with the trainer's fast paths wired in from
 * the ForwardContext: what a backward pass reads is retained instead of
 * copied by the tape (ops/retained.ts), constants are made once per trainer.
 * Every block calls these; none repeats the wiring.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../activations';
import { affine } from '../ops/affine';
import type { ForwardContext } from './types';

/** A [1, n] row of ones: sums over a batch's rows as products (ops/affine.ts). */
export const onesRow = (ctx: ForwardContext, n: number): tf.Tensor2D => ctx.constant(`ones:${n}`, () => tf.ones([1, n])) as tf.Tensor2D;

/** z = xW + b (ops/affine.ts); when x is the input batch, its transpose is made once and no ∂x is computed. */
export function linear(ctx: ForwardContext, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const isData = ctx.isData(x);
  return affine(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, {
    xIsData: isData,
    ...(isData ? { dataT: ctx.constant(`transposed:${x.id}`, () => tf.transpose(x)) as tf.Tensor2D } : {}),
    retain: ctx.retain,
    ones: onesRow(ctx, x.shape[0]!),
  });
}

/** a = f(z), a step of its own (the activation is never fused into the product: z is a metric). */
export const activate = (ctx: ForwardContext, f: Activation, z: tf.Tensor): tf.Tensor => f.apply(z, ctx.retain);
