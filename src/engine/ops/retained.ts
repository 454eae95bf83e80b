/**
 * What a custom-gradient op's backward reads, kept without copies.
 *
 * tfjs runs the forward pass inside a tidy and disposes its intermediates
 * before the backward pass; a gradient that needs one has the tape save a
 * copy (customGrad's `save`, and every registered gradient's inputsToSave):
 * one Identity kernel per saved tensor and step. Inside a training step the
 * trainer can keep the tensor itself alive instead and dispose it when the
 * step ends (ForwardContext.retain): no kernel. Outside one (tests, one-off
 * gradients), with no `retain`, the op falls back to `save`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Retain } from '../models/types';

/**
 * Registers `ts` for the backward pass; the returned function gives them
 * back there (from `saved` when they were saved). `save` is the one
 * tf.customGrad passes after the inputs (typed loosely there, as an input).
 */
export function forBackward<T extends tf.Tensor[]>(ts: [...T], save: tf.GradSaveFunc | tf.Tensor, retain?: Retain): (saved: tf.Tensor[]) => T {
  if (retain) {
    for (const t of ts) retain(t);
    return () => ts;
  }
  (save as tf.GradSaveFunc)(ts);
  return (saved) => saved as T;
}
