/**
 * Losses, averaged over the batch. Written out rather than taken from
 * tf.losses so the formula on the page is the formula that runs.
 */
import * as tf from '@tensorflow/tfjs-core';

export type LossName = 'mse' | 'sigmoid-ce' | 'softmax-ce';

/** mean((ŷ − y)²) over all entries. */
export function mse(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(pred, target));
}

/**
 * Binary cross-entropy on logits, in the stable form
 * max(x, 0) − x·y + log(1 + e^(−|x|)), mean over entries.
 */
export function sigmoidCrossEntropy(logits: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const pos = tf.relu(logits);
  const log1pExp = tf.log1p(tf.exp(tf.neg(tf.abs(logits))));
  return tf.mean(tf.add(tf.sub(pos, tf.mul(logits, target)), log1pExp));
}

/** Categorical cross-entropy on logits with one-hot (or soft) targets: −mean Σ y·log softmax(x). */
export function softmaxCrossEntropy(logits: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1)));
}

export function getLoss(name: LossName): (pred: tf.Tensor, target: tf.Tensor) => tf.Scalar {
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
