/**
 * The trainer's reported gradient norms and its SGD update, against a
 * float64 reference in plain JS: the same network evaluated with the JS
 * scalar activations, differentiated by central finite differences.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATION_NAMES, getActivation, type ActivationName } from '../../src/engine/activations';
import type { TabularDataset } from '../../src/engine/data';
import { buildMlp } from '../../src/engine/models/mlp';
import { createRng } from '../../src/engine/rng';
import type { LossName } from '../../src/engine/train/losses';
import { clipByGlobalNorm } from '../../src/engine/train/clipping';
import { sgd } from '../../src/engine/train/optimizers';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';
import { affineF64, centralDifferences, lossF64 as loss, normF64 as norm } from './helpers-fd';

beforeAll(useCpu);

interface Net {
  W: Float64Array[]; // row-major in × out
  b: Float64Array[];
  dims: number[];
  acts: ((x: number) => number)[];
}

/** Forward in float64; `bump` adds eps to one activation entry (layer, sample, unit), for ∂L/∂a. */
function forward(net: Net, x: Float64Array, n: number, bump?: { layer: number; i: number; j: number; eps: number }): Float64Array {
  let h = x;
  for (let l = 0; l < net.W.length; l++) {
    const dout = net.dims[l + 1]!;
    const at = bump && bump.layer === l ? bump.i * dout + bump.j : -1;
    h = affineF64(h, net.W[l]!, net.b[l]!, n, net.dims[l]!, dout).map((z, k) => net.acts[l]!(z) + (k === at ? bump!.eps : 0));
  }
  return h;
}

function dataset(task: 'regression' | 'binary' | 'multiclass', n: number, inputDim: number, outputDim: number): TabularDataset {
  const rng = createRng(99);
  const x = Float32Array.from({ length: n * inputDim }, () => rng.range(-1, 1));
  const y = new Float32Array(n * outputDim);
  for (let i = 0; i < n; i++) {
    if (task === 'regression') y[i] = rng.normal();
    else if (task === 'binary') y[i] = rng.int(2);
    else y[i * outputDim + rng.int(outputDim)] = 1;
  }
  return { kind: 'tabular', name: 'test', task: task === 'multiclass' ? 'multiclass' : task, n, inputDim, outputDim, x, y };
}

/** `clip`: clip by global norm at this fraction of the unclipped norm (the trainer's transforms, on gradients of lossScale·L). */
async function check(activation: ActivationName, lossName: LossName, outputDim: number, clip?: number) {
  const n = 12;
  const task = lossName === 'mse' ? 'regression' : lossName === 'sigmoid-ce' ? 'binary' : 'multiclass';
  const data = dataset(task, n, 3, outputDim);
  const model = buildMlp({ inputDim: 3, outputDim, depth: 2, width: 4, activation, init: { name: 'xavier', gain: 1.5 } }, createRng(7));
  const lr = 0.05;
  let c = Infinity; // the clipping threshold, set once the float64 global norm is known
  const transforms = clip ? [clipByGlobalNorm(NaN)] : [];
  const trainer = new Trainer({ model, data, loss: lossName, optimizer: sgd(lr), transforms });
  try {
    const entries = trainer.registry.entries();
    const before = await Promise.all(entries.map(async (e) => Float64Array.from(await e.variable.data())));
    const act = getActivation(activation);
    const net: Net = {
      W: before.filter((_, k) => k % 2 === 0),
      b: before.filter((_, k) => k % 2 === 1),
      dims: [3, 4, 4, outputDim],
      acts: [act.f, act.f, (v) => v],
    };
    const x = Float64Array.from(data.x);
    const y = Float64Array.from(data.y);
    const L = () => loss(lossName, forward(net, x, n), y, n, outputDim);
    const h = 1e-6;

    // ∂L/∂θ for every parameter, by central differences.
    const grads = centralDifferences(before, L, h);
    // ∂L/∂a_l per layer (probe), same way.
    const actNorms = [0, 1, 2].map((layer) => {
      let sq = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < net.dims[layer + 1]!; j++) {
          const up = loss(lossName, forward(net, x, n, { layer, i, j, eps: h }), y, n, outputDim);
          const down = loss(lossName, forward(net, x, n, { layer, i, j, eps: -h }), y, n, outputDim);
          sq += ((up - down) / (2 * h)) ** 2;
        }
      }
      return Math.sqrt(sq);
    });

    const globalNorm = Math.sqrt(grads.reduce((s, g) => s + norm(g) ** 2, 0));
    if (clip) {
      c = clip * globalNorm;
      transforms[0] = clipByGlobalNorm(c);
    }
    const m = await trainer.trainStep({ probes: true });
    expect(m.step).toBe(0);
    expect(m.loss).toBeCloseTo(L(), 5);
    m.layers.forEach((layer, l) => {
      expect(layer.gradNormW).toBeCloseTo(norm(grads[2 * l]!), 4);
      expect(Math.abs(layer.gradNormW / norm(grads[2 * l]!) - 1)).toBeLessThan(1e-3);
      expect(Math.abs(layer.gradNormB - norm(grads[2 * l + 1]!))).toBeLessThan(1e-3 * norm(grads[2 * l + 1]!) + 1e-7);
      expect(Math.abs(layer.gradNormAct! / actNorms[l]! - 1)).toBeLessThan(1e-3);
    });
    expect(m.globalNorm).toBeCloseTo(globalNorm, 4);

    // The update is w − lr·g, g scaled down to norm c when clipped.
    const shrink = Math.min(1, c / globalNorm);
    if (clip) expect(m.appliedNorm! / c).toBeCloseTo(1, 4);
    const after = await Promise.all(entries.map(async (e) => Float64Array.from(await e.variable.data())));
    after.forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(before[k]![i]! - lr * shrink * grads[k]![i]!, 5)));
  } finally {
    trainer.dispose();
  }
}

describe('trainer gradients equal float64 central differences', () => {
  test.each(ACTIVATION_NAMES)('%s, MSE', (a) => check(a, 'mse', 1));
  test.each(['sigmoid', 'relu'] as const)('%s, sigmoid cross-entropy', (a) => check(a, 'sigmoid-ce', 1));
  test.each(['tanh', 'elu'] as const)('%s, softmax cross-entropy', (a) => check(a, 'softmax-ce', 3));
  test('clipped by global norm at 30 % of it: norms reported unclipped, the update clipped', () => check('tanh', 'mse', 1, 0.3));
});
