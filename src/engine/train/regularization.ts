/**
 * Penalties added to the loss inside the differentiated function (chapter 6,
 * weight regularisation), so their gradients come from tfjs like the rest.
 * The trainer reports the data loss and the penalty separately.
 */
import * as tf from '@tensorflow/tfjs-core';
import { addMany } from '../ops/add-many';
import type { ParamRole } from '../models/types';

export interface PenaltyParam {
  readonly name: string;
  readonly role: ParamRole;
  readonly tensor: tf.Tensor;
}

export type Penalty = (params: readonly PenaltyParam[]) => tf.Scalar;

const weightsOnly = (ps: readonly PenaltyParam[]) => ps.filter((p) => p.role === 'weight');

/** λ·Σ w² over weights (not biases): weight decay's loss form. */
export function l2(lambda: number): Penalty {
  return (ps) => tf.mul(lambda, addMany(weightsOnly(ps).map((p) => tf.sum(tf.square(p.tensor))))) as tf.Scalar;
}

/** λ·Σ |w| over weights: pushes weights to exactly zero (sparsity). */
export function l1(lambda: number): Penalty {
  return (ps) => tf.mul(lambda, addMany(weightsOnly(ps).map((p) => tf.sum(tf.abs(p.tensor))))) as tf.Scalar;
}
