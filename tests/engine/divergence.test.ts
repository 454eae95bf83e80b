/** Which value goes non-finite first, named by quantity and layer; and norms that merely overflow. */
import * as tf from '@tensorflow/tfjs-core';
import { robustNorm } from '../../src/engine/train/stats';
import { beforeAll, expect, test } from 'vitest';
import type { TabularDataset } from '../../src/engine/data';
import { Dense } from '../../src/engine/models/dense';
import { buildMlp } from '../../src/engine/models/mlp';
import { Sequential } from '../../src/engine/models/sequential';
import type { Block, ForwardContext } from '../../src/engine/models/types';
import { createRng } from '../../src/engine/rng';
import { sgd } from '../../src/engine/train/optimizers';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

function data(x: number[], y: number[], inputDim = 2): TabularDataset {
  return { kind: 'tabular', name: 'test', task: 'regression', n: y.length, inputDim, outputDim: 1, x: Float32Array.from(x), y: Float32Array.from(y) };
}

async function firstStep(trainer: Trainer, opts = {}) {
  try {
    return await trainer.trainStep(opts);
  } finally {
    trainer.dispose();
  }
}

test('a NaN target: the loss is the first non-finite value', async () => {
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 2, width: 3, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, createRng(1));
  const m = await firstStep(new Trainer({ model, data: data([0.1, 0.2, 0.3, 0.4], [1, NaN]), loss: 'mse', optimizer: sgd(0.1) }));
  expect(m.diverged).toEqual({ step: 0, quantity: 'loss', layer: null, layerName: null, value: 'nan' });
});

test('an infinite input: the first layer’s activation', async () => {
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 2, width: 3, activation: 'relu', init: { name: 'he', gain: 1 } }, createRng(1));
  const m = await firstStep(new Trainer({ model, data: data([Infinity, 0.2, 0.3, 0.4], [1, 0]), loss: 'mse', optimizer: sgd(0.1) }));
  expect(m.diverged).toMatchObject({ step: 0, quantity: 'activation', layer: 0, layerName: 'dense1' });
});

/** y = sqrt(relu(x·W)): finite forward, but ∂/∂z at z ≤ 0 is 0·∞ = NaN. A custom Block, as later chapters will write them. */
class SqrtBlock implements Block {
  readonly name = 'sqrt';
  readonly params = [{ name: 'sqrt/W', shape: [2, 1], values: Float32Array.from([1, -1]), role: 'weight' as const, layer: 'sqrt' }];
  readonly layers = [{ name: 'sqrt', units: 1, activation: 'linear' as const, weights: ['sqrt/W'], biases: [] }];
  probes() {
    return [];
  }
  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const z = tf.matMul(x as tf.Tensor2D, ctx.param('sqrt/W') as tf.Tensor2D);
    const a = tf.sqrt(tf.relu(z));
    ctx.record('sqrt', z, a);
    return a;
  }
}

test('a gradient that is NaN while loss and activations are finite: named with its layer and parameter', async () => {
  const head = new Dense({ name: 'output', inDim: 1, units: 1, activation: 'linear', init: { name: 'normal', gain: 1 } }, createRng(3));
  const model = new Sequential([new SqrtBlock(), head], 2, 1);
  // Sample 2 gives z = 0.1 − 0.5 < 0: sqrt′(relu(z)) = ∞, relu′(z) = 0.
  const m = await firstStep(new Trainer({ model, data: data([0.5, 0.1, 0.1, 0.5], [1, 0]), loss: 'mse', optimizer: sgd(0.1) }));
  expect(Number.isFinite(m.loss)).toBe(true);
  expect(m.diverged).toEqual({ step: 0, quantity: 'gradient', layer: 0, layerName: 'sqrt', param: 'sqrt/W', value: 'nan' });
});

test('an update that overflows float32: the weight, after the step', async () => {
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 1, width: 3, activation: 'linear', init: { name: 'xavier', gain: 1 } }, createRng(1));
  const m = await firstStep(new Trainer({ model, data: data([1, 1, -1, 1], [100, -100]), loss: 'mse', optimizer: sgd(3e38), metrics: { weightNorms: true } }));
  expect(Number.isFinite(m.globalNorm)).toBe(true);
  expect(m.diverged).toMatchObject({ step: 0, quantity: 'weight', value: 'inf' });
  expect(m.diverged!.param).toMatch(/\/[Wb]$/);
});

test('gradient norms beyond 1.8e19 (Σg² overflows float32) are still reported finite, and are not a divergence', async () => {
  // Inputs of 1e19: every value stays finite, but Σg² of the first layer exceeds float32's range.
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 1, width: 2, activation: 'relu', init: { name: 'xavier', gain: 1 } }, createRng(5));
  const trainer = new Trainer({ model, data: { ...data([1e19, 2e19, 3e19, -1e19], [1, 0]), task: 'binary' }, loss: 'sigmoid-ce', optimizer: sgd(0) });
  const m = await firstStep(trainer);
  expect(m.diverged).toBeUndefined();
  const g = m.layers[0]!.gradNormW;
  expect(Number.isFinite(g)).toBe(true);
  expect(g).toBeGreaterThan(1e18);
  expect(Number.isFinite(m.globalNorm)).toBe(true);
});

test('robustNorm: exact where Σg² overflows', async () => {
  const g = tf.tensor1d([3e20, -4e20, 0]);
  const n = robustNorm(g);
  expect((await n.data())[0]! / 5e20).toBeCloseTo(1, 6);
  const z = robustNorm(tf.zeros([3]));
  expect((await z.data())[0]).toBe(0);
  tf.dispose([g, n, z]);
});
