/**
 * The sum of many same-shaped tensors. One tf.addN where a backend takes any number of inputs
 * (cpu, wasm); the webgpu backend binds each input as a storage buffer, and a shader stage
 * may have as few as 8 (the output included): an AddN of more inputs fails to compile and
 * leaves garbage behind (seen: an LSTM's forget-gate mean over 10 steps). So the sum is
 * taken in a tree of addN's of at most 7 inputs, on every backend alike.
 */
import * as tf from '@tensorflow/tfjs-core';

const MAX_INPUTS = 7;

export function addMany<T extends tf.Tensor>(ts: readonly T[]): T {
  if (!ts.length) throw new Error('addMany: no tensors');
  let level: tf.Tensor[] = [...ts];
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += MAX_INPUTS) {
      const chunk = level.slice(i, i + MAX_INPUTS);
      next.push(chunk.length === 1 ? chunk[0]! : tf.addN(chunk));
    }
    level = next;
  }
  return level[0] as T;
}
