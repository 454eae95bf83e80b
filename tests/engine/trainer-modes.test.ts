/** Train and eval mode (Trainer.evaluate) and non-trainable state (ForwardContext.setState). */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { circles, spirals, type TabularDataset } from '../../src/engine/data';
import { Dense } from '../../src/engine/models/dense';
import { buildMlp } from '../../src/engine/models/mlp';
import { Sequential } from '../../src/engine/models/sequential';
import type { Block, ForwardContext } from '../../src/engine/models/types';
import { createRng } from '../../src/engine/rng';
import { sgd } from '../../src/engine/train/optimizers';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

function classifier(batchSize?: number) {
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 3, width: 8, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, createRng(9));
  return new Trainer({ model, data: spirals(createRng(3)), loss: 'sigmoid-ce', optimizer: sgd(0.5), batchSize, metrics: { probes: true } });
}

test('evaluate() gives the loss and accuracy a training step reports at the same weights, and changes nothing', async () => {
  const trainer = classifier();
  for (let s = 0; s < 3; s++) {
    const before = await trainer.registry.get('dense1/W').variable.data();
    const e = await trainer.evaluate();
    expect(await trainer.registry.get('dense1/W').variable.data()).toEqual(before);
    expect(trainer.step).toBe(s);
    const m = await trainer.trainStep();
    expect(e.loss).toBe(m.loss);
    expect(e.accuracy).toBe(m.accuracy);
  }
  trainer.dispose();
});

test('evaluate(data) on other data: the loss computed in float64; regression has no accuracy', async () => {
  // ŷ = w·x₁ + v·x₂ + b, weights read from the registry.
  const model = new Sequential([new Dense({ name: 'output', inDim: 2, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 } }, createRng(2))], 2, 1);
  const train: TabularDataset = { kind: 'tabular', name: 't', task: 'regression', n: 2, inputDim: 2, outputDim: 1, x: Float32Array.from([1, 2, 3, 4]), y: Float32Array.from([0, 1]) };
  const other = { ...train, n: 3, x: Float32Array.from([0.5, -1, 2, 0, -3, 1]), y: Float32Array.from([1, -1, 0.25]) };
  const trainer = new Trainer({ model, data: train, loss: 'mse', optimizer: sgd(0.1) });
  await trainer.trainStep();
  const [w, v] = await trainer.registry.get('output/W').variable.data();
  const [b] = await trainer.registry.get('output/b').variable.data();
  const expected = [0, 1, 2].reduce((s, i) => s + (w! * other.x[2 * i]! + v! * other.x[2 * i + 1]! + b! - other.y[i]!) ** 2, 0) / 3;
  const e = await trainer.evaluate(other);
  expect(e.loss / expected).toBeCloseTo(1, 5);
  expect(e.accuracy).toBeUndefined();
  trainer.dispose();
});

test('mini-batch training, evaluation over the whole set: accuracy in multiples of 1/256', async () => {
  const trainer = classifier(32);
  await trainer.trainStep();
  const e = await trainer.evaluate();
  expect(Number.isInteger(e.accuracy! * 256)).toBe(true);
  expect(e.loss).toBeGreaterThan(0);
  trainer.dispose();
});

/**
 * A tiny block with state, BatchNorm-like: z = x·W; in training it keeps a
 * running mean m ← ½m + ½·mean(z) (setState) and outputs z − mean(z); in
 * evaluation it outputs z − m.
 */
class Centre implements Block {
  readonly name = 'centre';
  readonly params = [
    { name: 'centre/W', shape: [2, 1], values: Float32Array.from([0.5, -1]), role: 'weight' as const, layer: 'centre' },
    { name: 'centre/mean', shape: [1], values: Float32Array.from([0]), role: 'state' as const, layer: 'centre', trainable: false },
  ];
  readonly layers = [{ name: 'centre', units: 1, activation: 'linear' as const, weights: ['centre/W'], biases: [] }];
  probes() {
    return [];
  }
  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const z = tf.matMul(x as tf.Tensor2D, ctx.param('centre/W') as tf.Tensor2D);
    if (!ctx.training) return tf.sub(z, ctx.param('centre/mean'));
    const mean = tf.mean(z, 0);
    ctx.setState('centre/mean', tf.add(tf.mul(0.5, ctx.param('centre/mean')), tf.mul(0.5, mean)));
    return tf.sub(z, mean);
  }
}

test('setState: the value computed in the forward pass (at the weights before the update) is assigned after the step; eval reads it', async () => {
  // Inputs off centre, so that the batch mean of z is far from 0 and the running mean lags it.
  const circle = circles(createRng(5), 64);
  const data = { ...circle, x: circle.x.map((v) => v + 1.5) };
  const head = new Dense({ name: 'output', inDim: 1, units: 1, activation: 'linear', init: { name: 'normal', gain: 1 } }, createRng(3));
  const model = new Sequential([new Centre(), head], 2, 1);
  const trainer = new Trainer({ model, data, loss: 'mse', optimizer: sgd(0.3) });
  const read = async (name: string) => Array.from(await trainer.registry.get(name).variable.data());
  const meanZ = (w: number[]) => Array.from({ length: data.n }, (_, i) => w[0]! * data.x[2 * i]! + w[1]! * data.x[2 * i + 1]!).reduce((s, z) => s + z, 0) / data.n;
  let m = 0;
  for (let s = 0; s < 4; s++) {
    const w = await read('centre/W');
    await trainer.trainStep();
    m = 0.5 * m + 0.5 * meanZ(w);
    expect((await read('centre/mean'))[0]).toBeCloseTo(m, 6);
    // The optimiser moved W (the update ran) and left the state alone (not trainable).
    expect(await read('centre/W')).not.toEqual(w);
  }
  // Eval mode centres by the stored m, training mode by the batch mean; evaluating leaves the state as it is.
  const [w, [h], [c]] = await Promise.all(['centre/W', 'output/W', 'output/b'].map(read)) as [number[], number[], number[]];
  const mse = (centre: number) => Array.from({ length: data.n }, (_, i) => (h! * (w[0]! * data.x[2 * i]! + w[1]! * data.x[2 * i + 1]! - centre) + c! - data.y[i]!) ** 2).reduce((s, e) => s + e, 0) / data.n;
  expect((await trainer.evaluate()).loss / mse(m)).toBeCloseTo(1, 5);
  expect((await read('centre/mean'))[0]).toBeCloseTo(m, 6);
  expect((await trainer.trainStep()).loss / mse(meanZ(w))).toBeCloseTo(1, 5);
  expect(mse(m) / mse(meanZ(w))).not.toBeCloseTo(1, 3); // the two modes differ here
  trainer.dispose();
});

test('setState is refused for a trainable parameter, and leaves no tensor behind over many steps', async () => {
  class Bad extends Centre {
    override forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
      ctx.setState('centre/W', ctx.param('centre/W'));
      return super.forward(x, ctx);
    }
  }
  const data = circles(createRng(5), 64);
  const head = () => new Dense({ name: 'output', inDim: 1, units: 1, activation: 'linear', init: { name: 'normal', gain: 1 } }, createRng(3));
  const baseline = tf.memory().numTensors;
  const bad = new Trainer({ model: new Sequential([new Bad(), head()], 2, 1), data, loss: 'mse', optimizer: sgd(0.3) });
  await expect(bad.trainStep()).rejects.toThrow(/trainable/);
  bad.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
  const good = new Trainer({ model: new Sequential([new Centre(), head()], 2, 1), data, loss: 'mse', optimizer: sgd(0.3), batchSize: 16, shuffleSeed: 2 });
  await good.trainStep();
  await good.evaluate(); // makes the constants evaluation reuses
  const afterFirst = tf.memory().numTensors;
  for (let s = 0; s < 100; s++) {
    await good.trainStep();
    if (s % 25 === 0) await good.evaluate();
  }
  expect(tf.memory().numTensors).toBe(afterFirst);
  good.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
});
