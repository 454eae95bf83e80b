/** addMany: the sum of any number of tensors, in addN's of at most 7 inputs (the webgpu backend's limit). */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { addMany } from '../../src/engine/ops/add-many';
import { useCpu } from './helpers';

beforeAll(useCpu);

test.each([1, 2, 7, 8, 50])('the sum of %i tensors, with no addN of more than 7 inputs', async (k) => {
  const ts = Array.from({ length: k }, (_, i) => tf.tensor1d([i, 2 * i, -i]));
  const info = await tf.profile(() => addMany(ts));
  const sum = info.result as tf.Tensor;
  expect(Array.from(await sum.data())).toEqual([1, 2, -1].map((m) => (m * k * (k - 1)) / 2));
  for (const kernel of info.kernels) expect(kernel.inputShapes.length).toBeLessThanOrEqual(7);
  tf.dispose([...ts, sum]);
});
