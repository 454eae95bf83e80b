/**
 * ForwardContext.constant's tensors: made once, reused while passes keep
 * asking for them. One not asked for during a pass is disposed at its end
 * (`sweep`): a mini-batch's transpose lives one step, a row of ones for the
 * batch size lives as long as the trainer.
 */
import * as tf from '@tensorflow/tfjs-core';

export class Constants {
  private readonly made = new Map<string, tf.Tensor>();
  private readonly asked = new Set<string>();
  private readonly tensors = new Set<tf.Tensor>();

  get(key: string, make: () => tf.Tensor): tf.Tensor {
    let t = this.made.get(key);
    if (!t) {
      // Made inside someone's tidy: kept.
      this.made.set(key, (t = tf.keep(make())));
      this.tensors.add(t);
    }
    this.asked.add(key);
    return t;
  }

  holds(t: tf.Tensor): boolean {
    return this.tensors.has(t);
  }

  /** Disposes the constants not asked for since the last sweep. */
  sweep(): void {
    for (const [key, t] of this.made) {
      if (this.asked.has(key)) continue;
      t.dispose();
      this.made.delete(key);
      this.tensors.delete(t);
    }
    this.asked.clear();
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
    this.made.clear();
    this.tensors.clear();
    this.asked.clear();
  }
}
