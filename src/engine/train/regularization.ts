/**
 * Penalties added to the loss inside the differentiated function (chapter 6,
 * weight regularisation), so their gradients come from tfjs like the rest.
 * The trainer reports the data loss and the penalty separately.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PenaltySpec, ProximalSpec } from '../reproduce/spec';
import { addMany } from '../ops/add-many';
import type { ParamRole } from '../models/types';

export interface PenaltyParam {
  readonly name: string;
  readonly role: ParamRole;
  readonly tensor: tf.Tensor;
}

/** `spec` says what it is, for another framework (reproduce/); a penalty without one cannot be reproduced. */
export type Penalty = ((params: readonly PenaltyParam[]) => tf.Scalar) & { readonly spec?: PenaltySpec };

const weightsOnly = (ps: readonly PenaltyParam[]) => ps.filter((p) => p.role === 'weight');

/** λ·Σ w² over weights (not biases): weight decay's loss form. */
export function l2(lambda: number): Penalty {
  const spec: PenaltySpec = { type: 'l2', lambda };
  return Object.assign((ps: readonly PenaltyParam[]) => tf.mul(lambda, addMany(weightsOnly(ps).map((p) => tf.sum(tf.square(p.tensor))))) as tf.Scalar, { spec });
}

/** λ·Σ |w| over weights: pushes weights to exactly zero (sparsity). */
export function l1(lambda: number): Penalty {
  const spec: PenaltySpec = { type: 'l1', lambda };
  return Object.assign((ps: readonly PenaltyParam[]) => tf.mul(lambda, addMany(weightsOnly(ps).map((p) => tf.sum(tf.abs(p.tensor))))) as tf.Scalar, { spec });
}

/**
 * A penalty handled by a step after the optimiser's update instead of by its gradient: the
 * proximal (soft-threshold) step of L1, w ← sign(w)·max(|w| − ηλ, 0), which sets weights to
 * exactly zero where the subgradient λ·sign(w) only makes them flip around it. The penalty's
 * value is still reported (not differentiated: its gradient is the step).
 */
export interface Proximal {
  /** The penalty's value, at the weights the step's gradients were taken at. */
  readonly penalty: Penalty;
  /** Applied to every parameter after the update (inside the step's tidy). */
  apply(params: readonly PenaltyParam[], vars: readonly tf.Variable[]): void;
  readonly spec?: ProximalSpec;
}

/** w ← sign(w)·max(|w| − t, 0): the proximal map of t·|w|. */
export const softThreshold = (w: tf.Tensor, t: number): tf.Tensor => tf.mul(tf.sign(w), tf.relu(tf.sub(tf.abs(w), t)));

/** L1 at strength λ by its proximal step with step size η (the optimiser's learning rate), on weights, not biases. */
export function l1Proximal(lambda: number, lr: number): Proximal {
  return {
    spec: { type: 'l1-proximal', lambda, lr },
    penalty: l1(lambda),
    apply(params, vars) {
      params.forEach((p, i) => {
        if (p.role === 'weight') vars[i]!.assign(softThreshold(vars[i]!, lr * lambda));
      });
    },
  };
}
