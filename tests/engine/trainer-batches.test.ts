/** Mini-batches: a seeded shuffle per epoch, batches of exactly batchSize, and the trainer training on them. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { spirals, wave2d, type TabularDataset } from '../../src/engine/data';
import { Dense } from '../../src/engine/models/dense';
import { buildMlp } from '../../src/engine/models/mlp';
import { Sequential } from '../../src/engine/models/sequential';
import { createRng } from '../../src/engine/rng';
import { BatchOrder } from '../../src/engine/train/batches';
import { sgd } from '../../src/engine/train/optimizers';
import { Trainer, type TrainerConfig } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

const data = wave2d(createRng(4), 100);
const batchesOf = (seed: number, steps: number) => {
  const order = new BatchOrder(data, 32, seed);
  return Array.from({ length: steps }, (_, s) => order.indices(s));
};

test('the same seed gives the same batches, another seed others', () => {
  expect(batchesOf(7, 9)).toEqual(batchesOf(7, 9));
  expect(batchesOf(8, 9)).not.toEqual(batchesOf(7, 9));
});

test('each epoch: batches of exactly batchSize, disjoint, the tail of 100 mod 32 = 4 dropped; the next epoch reshuffles', () => {
  const order = new BatchOrder(data, 32, 1);
  expect(order.perEpoch).toBe(3);
  const epochs = [0, 1].map((e) => [0, 1, 2].map((b) => order.indices(3 * e + b)));
  for (const batches of epochs) {
    expect(batches.every((b) => b.length === 32)).toBe(true);
    const seen = new Set(batches.flat());
    expect(seen.size).toBe(96);
    expect([...seen].every((i) => Number.isInteger(i) && i >= 0 && i < 100)).toBe(true);
  }
  expect(epochs[1]).not.toEqual(epochs[0]);
  // With no tail, an epoch is a permutation of every example.
  const whole = new BatchOrder(wave2d(createRng(4), 96), 32, 1);
  expect([0, 1, 2].flatMap((b) => whole.indices(b)).sort((a, b) => a - b)).toEqual(Array.from({ length: 96 }, (_, i) => i));
  expect(() => new BatchOrder(data, 101, 1)).toThrow();
  expect(() => new BatchOrder(data, 0, 1)).toThrow();
});

/** ŷ = w·x₁ + v·x₂ + b on wave2d, weights known, so a step's loss can be computed in float64 from the rows of its batch. */
function linear(batchSize: number | undefined, shuffleSeed?: number) {
  const model = new Sequential([new Dense({ name: 'output', inDim: 2, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 } }, createRng(2))], 2, 1);
  return new Trainer({ model, data, loss: 'mse', optimizer: sgd(0.05), batchSize, shuffleSeed });
}

async function weights(trainer: Trainer): Promise<number[]> {
  return [...(await trainer.registry.get('output/W').variable.data()), ...(await trainer.registry.get('output/b').variable.data())];
}

test('each step trains on the rows BatchOrder names: its loss is their MSE at the weights before the step', async () => {
  const trainer = linear(32, 5);
  const order = new BatchOrder(data, 32, 5);
  for (let s = 0; s < 7; s++) {
    const [w, v, b] = (await weights(trainer)) as [number, number, number];
    const rows = order.indices(s);
    const expected = rows.reduce((sum, i) => sum + (w * data.x[2 * i]! + v * data.x[2 * i + 1]! + b - data.y[i]!) ** 2, 0) / rows.length;
    const m = await trainer.trainStep();
    expect(m.loss / expected).toBeCloseTo(1, 5);
  }
  trainer.dispose();
});

async function losses(cfg: Partial<TrainerConfig>, steps = 6): Promise<number[]> {
  const d = spirals(createRng(3));
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 3, width: 8, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, createRng(9));
  const trainer = new Trainer({ model, data: d, loss: 'sigmoid-ce', optimizer: sgd(0.5), metrics: { probes: true, activations: true }, ...cfg });
  const out: number[] = [];
  for (let s = 0; s < steps; s++) out.push((await trainer.trainStep()).loss);
  trainer.dispose();
  return out;
}

test('two trainers with one shuffle seed train alike, with another differently; batchSize = n is full-batch training', async () => {
  const a = await losses({ batchSize: 64, shuffleSeed: 11 });
  expect(await losses({ batchSize: 64, shuffleSeed: 11 })).toEqual(a);
  expect(await losses({ batchSize: 64, shuffleSeed: 12 })).not.toEqual(a);
  expect(await losses({ batchSize: 256, shuffleSeed: 12 })).toEqual(await losses({}));
});

test('mini-batch training: tensor count flat over epochs, back to baseline after dispose', async () => {
  const baseline = tf.memory().numTensors;
  const d = spirals(createRng(3));
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 3, width: 8, activation: 'relu', init: { name: 'he', gain: 1 } }, createRng(9));
  const trainer = new Trainer({
    model, data: d, loss: 'sigmoid-ce', optimizer: sgd(0.1), batchSize: 48, shuffleSeed: 1,
    metrics: { probes: true, activations: true, weightNorms: true, histogram: { lo: -3, hi: 3, bins: 12 } },
  });
  let afterFirst = 0;
  for (let s = 0; s < 60; s++) {
    const m = await trainer.trainStep();
    expect(m.layers[0]!.gradNormAct).toBeGreaterThan(0);
    expect(m.layers[0]!.histogram!.counts.reduce((a, c) => a + c, m.layers[0]!.histogram!.under + m.layers[0]!.histogram!.over)).toBe(48 * 8);
    if (s % 10 === 0) await trainer.evaluate();
    if (s === 1) afterFirst = tf.memory().numTensors;
  }
  expect(tf.memory().numTensors).toBe(afterFirst);
  trainer.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
});

test('batch sizes that cannot make a batch are refused', () => {
  const d: TabularDataset = wave2d(createRng(1), 10);
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 1, width: 2, activation: 'relu', init: { name: 'he', gain: 1 } }, createRng(1));
  expect(() => new Trainer({ model, data: d, loss: 'mse', optimizer: sgd(0.1), batchSize: 11 })).toThrow(/batch size/);
});
