/**
 * Losses, averaged over the batch. Written out rather than taken from
 * tf.losses so the formula on the page is the formula that runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';
import { forBackward } from '../ops/retained';

export type LossName = 'mse' | 'sigmoid-ce' | 'softmax-ce';

/**
 * A loss as one op of the prediction (the target is data): the value as
 * written, the gradient ∂L/∂ŷ written out below, from ŷ kept by `retain`
 * (ops/retained.ts). Through tfjs's own gradients the loss's few ops had the
 * tape save copies of ŷ and y and of intermediates: ~10 kernels per step more.
 */
function lossOp(
  value: (pred: tf.Tensor, target: tf.Tensor) => tf.Scalar,
  grad: (pred: tf.Tensor, target: tf.Tensor, dy: tf.Tensor) => tf.Tensor,
): LossFn {
  return (pred, target, retain) =>
    tf.customGrad((p, save) => {
      const get = forBackward([p as tf.Tensor], save, retain);
      return { value: value(p as tf.Tensor, target), gradFunc: (dy, saved) => grad(get(saved)[0], target, dy as tf.Tensor) };
    })(pred) as tf.Scalar;
}

/** mean((ŷ − y)²) over all entries; ∂/∂ŷ = (2/N)(ŷ − y), computed as tfjs's Mean and SquaredDifference gradients do (same numbers). */
export const mse: LossFn = lossOp(
  (pred, target) => tf.mean(tf.squaredDifference(pred, target)),
  (pred, target, dy) => tf.mul(tf.div(dy, pred.size), tf.mul(2, tf.sub(pred, target))),
);

/**
 * Binary cross-entropy on logits, in the stable form
 * max(x, 0) − x·y + log(1 + e^(−|x|)), mean over entries; ∂/∂x = (σ(x) − y)/N,
 * what differentiating the stable form gives, in four kernels instead of a dozen.
 */
export const sigmoidCrossEntropy: LossFn = lossOp(
  (logits, target) => {
    const pos = tf.relu(logits);
    const log1pExp = tf.log1p(tf.exp(tf.neg(tf.abs(logits))));
    return tf.mean(tf.add(tf.sub(pos, tf.mul(logits, target)), log1pExp));
  },
  (logits, target, dy) => tf.mul(tf.div(dy, logits.size), tf.sub(tf.sigmoid(logits), target)),
);

/** Categorical cross-entropy on logits with one-hot (or soft) targets: −mean Σ y·log softmax(x). */
export function softmaxCrossEntropy(logits: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1)));
}

/** A loss of (prediction, target); in a training step pass ForwardContext.retain (see ops/retained.ts). */
export type LossFn = (pred: tf.Tensor, target: tf.Tensor, retain?: Retain) => tf.Scalar;

export function getLoss(name: LossName): LossFn {
  switch (name) {
    case 'mse': return mse;
    case 'sigmoid-ce': return sigmoidCrossEntropy;
    case 'softmax-ce': return softmaxCrossEntropy;
  }
}

/** Share of correct predictions (binary: logit > 0 ⇔ label 1; softmax: argmax). */
export function accuracy(name: LossName, pred: tf.Tensor, target: tf.Tensor): tf.Scalar | null {
  const labels = targetLabels(name, target);
  return labels && accuracyFromLabels(name, pred, labels);
}

/** The class of each target (binary: y > 0.5; softmax: argmax), null for regression: constant for a fixed dataset. */
export function targetLabels(name: LossName, target: tf.Tensor): tf.Tensor | null {
  if (name === 'sigmoid-ce') return tf.greater(target, 0.5);
  if (name === 'softmax-ce') return tf.argMax(target, -1);
  return null;
}

/** `accuracy` with the target's classes already computed by `targetLabels`. */
export function accuracyFromLabels(name: LossName, pred: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const predicted = name === 'sigmoid-ce' ? tf.greater(pred, 0) : tf.argMax(pred, -1);
  return tf.mean(tf.cast(tf.equal(predicted, labels), 'float32'));
}
