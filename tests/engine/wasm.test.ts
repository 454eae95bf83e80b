/**
 * The engine on the wasm backend (what most readers' browsers run): the
 * wasm-only paths (matMul gradients without transpose flags, see
 * ops/matmul-grad.ts) give the cpu backend's numbers, and nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, test } from 'vitest';
import '../../src/engine/gradients';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { createReferenceWorkload } from '../../src/engine/reference-workload';
import { createRng } from '../../src/engine/rng';
import { runFrames, runSession, useCpu } from './helpers';
import '../../src/engine/train/metrics/clipping'; // its frame fields (clippedShare, clipCosine)

beforeAll(useCpu);

async function on<T>(backend: 'cpu' | 'wasm', f: () => Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  await tf.ready();
  expect(tf.getBackend()).toBe(backend);
  return f();
}

const rng = createRng(5);
const values = (n: number) => Array.from({ length: n }, () => rng.normal());

test('matMul gradients, every transpose combination and a batched case, match the cpu backend', async () => {
  const cases: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { a: [6, 4], b: [4, 3], ta: false, tb: false },
    { a: [6, 4], b: [3, 4], ta: false, tb: true },
    { a: [4, 6], b: [4, 3], ta: true, tb: false },
    { a: [4, 6], b: [3, 4], ta: true, tb: true },
    { a: [2, 6, 4], b: [2, 4, 3], ta: false, tb: false },
  ];
  for (const c of cases) {
    const av = values(c.a.reduce((x, y) => x * y));
    const bv = values(c.b.reduce((x, y) => x * y));
    const grads = (backend: 'cpu' | 'wasm') =>
      on(backend, async () => {
        const [a, b] = [tf.tensor(av, c.a), tf.tensor(bv, c.b)];
        // A weighted sum, so that dY is not all ones.
        const yShape = c.a.length === 3 ? [2, 6, 3] : [6, 3];
        const weights = tf.reshape(tf.range(1, 1 + yShape.reduce((x, y) => x * y)), yShape);
        const gs = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, c.ta, c.tb), weights)))([a, b]);
        const out = await Promise.all(gs.map((g) => g.data()));
        tf.dispose([a, b, weights, ...gs]);
        return out.map((d) => Array.from(d));
      });
    const [cpu, wasm] = [await grads('cpu'), await grads('wasm')];
    cpu.forEach((g, k) => g.forEach((v, i) => expect(wasm[k]![i]!, JSON.stringify(c)).toBeCloseTo(v, 4)));
  }
});

function expectSameFrames(cpu: Frame[], wasm: Frame[]) {
  expect(wasm.length).toBe(cpu.length);
  const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(x), Math.abs(y)) + 1e-6);
  cpu.forEach((f, s) => {
    const g = wasm[s]!;
    close(g.loss, f.loss);
    close(g.globalNorm, f.globalNorm);
    for (const k of ['appliedNorm', 'clippedShare', 'clipCosine'] as const) if (f[k] !== undefined) close(g[k]!, f[k]);
    expect(g.diverged).toEqual(f.diverged);
    f.layers.forEach((l, i) => {
      const m = g.layers[i]!;
      close(m.gradNormW, l.gradNormW);
      close(m.gradNormB, l.gradNormB);
      if (l.gradNormAct !== undefined) close(m.gradNormAct!, l.gradNormAct);
      if (l.act) for (const k of ['mean', 'std', 'saturated', 'dead'] as const) close(m.act![k], l.act[k]);
      // Counts may move by an entry or two at a bin edge: the two backends round differently.
      if (l.histogram) l.histogram.counts.forEach((c, b) => expect(Math.abs(m.histogram!.counts[b]! - c)).toBeLessThanOrEqual(2));
    });
  });
}

test('experiments: a few steps on wasm give the cpu backend’s frames', async () => {
  const configs = [
    [experiments['gradient-flow'], { depth: 3 }],
    [experiments.saturation, { depth: 3, sigma: 0.5 }],
    [experiments.explosion, { depth: 4, scale: 1 }],
  ] as const;
  for (const [exp, over] of configs) {
    const run = (backend: 'cpu' | 'wasm') => on(backend, () => runFrames(exp as (typeof configs)[0][0], over as object, { seed: 2, steps: 4 }));
    expectSameFrames(await run('cpu'), await run('wasm'));
  }
});

test('clipping on wasm: the three runs\' first steps (norms before and after, share clipped, cosine) as on cpu', async () => {
  const run = (backend: 'cpu' | 'wasm') => on(backend, () => runSession(experiments.clipping, { depth: 4 }, { seed: 2, steps: 4 }));
  expectSameFrames(await run('cpu'), await run('wasm'));
});

test('the diverging explosion run on wasm: same step, layer and quantity as on cpu', async () => {
  const run = (backend: 'cpu' | 'wasm') => on(backend, () => runFrames(experiments.explosion, {}, { seed: 1, steps: 40 }));
  const [cpu, wasm] = [await run('cpu'), await run('wasm')];
  expect(wasm.at(-1)!.diverged).toBeDefined();
  expect(wasm.at(-1)!.diverged).toEqual(cpu.at(-1)!.diverged);
});

test('reference workload on wasm: no tensor outlives a step or the workload', async () => {
  await on('wasm', async () => {
    const baseline = tf.memory().numTensors;
    const w = createReferenceWorkload({ seed: 3 });
    await w.step();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await w.step();
    expect(tf.memory().numTensors).toBe(afterFirst);
    w.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

test('GELU (through its erf), SiLU and ELU with α = 0.5 train on wasm as on cpu: the same losses and gradient norms for three steps', async () => {
  const { mlpRun } = await import('../../src/engine/experiments/mlp-run');
  const { createSession } = await import('../../src/engine/experiments/run');
  const { spirals } = await import('../../src/engine/data');
  const { sgd } = await import('../../src/engine/train/optimizers');
  const cases = [['gelu', {}], ['silu', {}], ['elu', { alpha: 0.5 }]] as const;
  for (const [activation, shape] of cases) {
    const frames = (backend: 'cpu' | 'wasm') =>
      on(backend, async () => {
        const session = createSession({ experiment: 'act', seed: 4, steps: 3 }, [
          mlpRun({
            name: 'a', label: { en: 'A', zh: 'A' }, data: spirals,
            mlp: { depth: 4, width: 16, activation, shape, init: { name: 'he', gain: 1 } },
            loss: 'sigmoid-ce', optimizer: sgd(0.3), metrics: { activations: true },
          }),
        ]);
        const out: Frame[] = [];
        try {
          while (!session.done) out.push(...(await session.next()));
        } finally {
          session.dispose();
        }
        return out;
      });
    const cpu = await frames('cpu');
    const wasm = await frames('wasm');
    expect(wasm).toHaveLength(3);
    wasm.forEach((f, i) => {
      expect(Math.abs(f.loss - cpu[i]!.loss) / cpu[i]!.loss, activation).toBeLessThan(1e-5);
      f.layers.forEach((l, j) => expect(Math.abs(l.gradNormW - cpu[i]!.layers[j]!.gradNormW) / cpu[i]!.layers[j]!.gradNormW, activation).toBeLessThan(1e-4));
    });
  }
  await tf.setBackend('cpu');
});
