import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { spirals } from '../../src/engine/data';
import { experiments } from '../../src/engine/experiments/index';
import { frameFromJson, frameToJson, type Frame } from '../../src/engine/frame';
import { initWeights, type InitScheme } from '../../src/engine/init';
import { defaults } from '../../src/engine/params';
import { createRng } from '../../src/engine/rng';
import { runFrames, runSession, useCpu } from './helpers';

beforeAll(useCpu);

const ratio = (f: Frame) => f.extras!.firstOverLast!;

/**
 * Step 0 of a gradient-flow run, recomputed without the engine's model,
 * trainer or metrics: the documented seeding (data, then weights, from
 * forks of createRng(seed)), plain tfjs ops, tf.grads. Returns the loss and
 * ‖∂L/∂W‖ of the first and the output layer.
 */
function referenceStep0(seed: number, depth: number, act: (z: tf.Tensor) => tf.Tensor, init: InitScheme) {
  const rng = createRng(seed);
  const data = spirals(rng.fork());
  const wr = rng.fork();
  const dims = [2, ...Array<number>(depth).fill(32), 1];
  return tf.tidy(() => {
    const ws = dims.slice(1).map((d, l) => tf.tensor2d(initWeights(wr, init, dims[l]!, d), [dims[l]!, d]));
    const x = tf.tensor2d(data.x, [data.n, 2]);
    const y = tf.tensor2d(data.y, [data.n, 1]);
    const loss = (...w: tf.Tensor[]) => {
      let h = x as tf.Tensor;
      w.forEach((wl, l) => (h = l < w.length - 1 ? act(tf.matMul(h as tf.Tensor2D, wl as tf.Tensor2D)) : tf.matMul(h as tf.Tensor2D, wl as tf.Tensor2D)));
      // Mean sigmoid cross-entropy of the logits h (biases start at 0).
      return tf.mean(tf.add(tf.sub(tf.relu(h), tf.mul(h, y)), tf.log1p(tf.exp(tf.neg(tf.abs(h)))))) as tf.Scalar;
    };
    const grads = tf.grads(loss)(ws);
    const norm = (t: tf.Tensor) => Math.sqrt(tf.sum(tf.square(t)).dataSync()[0]!);
    return { loss: loss(...ws).dataSync()[0]!, first: norm(grads[0]!), last: norm(grads.at(-1)!) };
  });
}

describe('determinism', () => {
  test('same seed → identical frames; different seed → different', async () => {
    const cfg = { depth: 3, activation: 'tanh' } as const;
    const a = await runFrames(experiments['gradient-flow'], cfg, { seed: 42, steps: 6 });
    const b = await runFrames(experiments['gradient-flow'], cfg, { seed: 42, steps: 6 });
    const c = await runFrames(experiments['gradient-flow'], cfg, { seed: 43, steps: 6 });
    expect(a).toHaveLength(6);
    expect(b).toEqual(a);
    expect(c[0]!.loss).not.toBe(a[0]!.loss);
    expect(c.map((f) => f.layers[0]!.gradNormW)).not.toEqual(a.map((f) => f.layers[0]!.gradNormW));
  });

  test('extras.firstOverLast is ‖∂L/∂W‖ of the first layer over the output layer\'s, per run (checked against plain tf.grads)', async () => {
    const frames = await runSession(experiments['gradient-flow'], { depth: 3, activation: 'sigmoid', init: 'xavier', activation2: 'relu', init2: 'he', gain2: 1.5 }, { seed: 7, steps: 1 });
    const refs = {
      a: referenceStep0(7, 3, tf.sigmoid, { name: 'xavier', gain: 1 }),
      b: referenceStep0(7, 3, tf.relu, { name: 'he', gain: 1.5 }),
    };
    expect(frames.map((f) => f.run)).toEqual(['a', 'b']);
    for (const f of frames) {
      const ref = refs[f.run as 'a' | 'b'];
      expect(f.loss).toBeCloseTo(ref.loss, 5); // same data and weights as the reference
      expect(ratio(f) / (ref.first / ref.last)).toBeCloseTo(1, 3);
    }
    // The two runs' ratios differ: each run's extras come from its own frame.
    expect(Math.abs(Math.log10(ratio(frames[0]!) / ratio(frames[1]!)))).toBeGreaterThan(0.5);
  });

  test('frames survive JSON (non-finite numbers included)', async () => {
    const [frame] = await runFrames(experiments.saturation, { depth: 2 }, { steps: 1 });
    const back = frameFromJson(frameToJson({ ...frame!, loss: Infinity, globalNorm: NaN }));
    expect(back.loss).toBe(Infinity);
    expect(back.globalNorm).toBeNaN();
    expect(back.layers[1]!.histogram!.counts).toEqual(frame!.layers[1]!.histogram!.counts);
  });
});

describe('vanishing: sigmoid vs ReLU at step 0', () => {
  test('sigmoid, depth 10, Xavier: first/last weight-gradient norm < 1e-2', async () => {
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 10, activation: 'sigmoid', init: 'xavier', gain: 1, compare: false }, { steps: 1 });
    expect(f!.step).toBe(0);
    expect(ratio(f!)).toBeLessThan(1e-2);
    // Monotone decay towards the input, layer by layer.
    const norms = f!.layers.map((l) => l.gradNormW);
    for (let l = 1; l < norms.length; l++) expect(norms[l - 1]!).toBeLessThan(norms[l]!);
  });

  test('norms far below float32\'s range of squares are still measured (depth 20, gain 0.25: Σg² would underflow to 0)', async () => {
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 20, activation: 'sigmoid', init: 'xavier', gain: 0.25, compare: false }, { steps: 1 });
    const norms = f!.layers.map((l) => l.gradNormW);
    expect(norms[0]!).toBeLessThan(1e-20); // its squares are below 1e-40: float32 keeps none of them as normal numbers
    expect(norms[0]!).toBeGreaterThan(0);
    // Still a clean geometric decay, layer by layer: no layer lost to underflow or rounding.
    for (let l = 1; l < norms.length; l++) {
      expect(norms[l]! / norms[l - 1]!).toBeGreaterThan(1.5);
      expect(norms[l]! / norms[l - 1]!).toBeLessThan(100);
    }
    for (const layer of f!.layers) expect(layer.gradNormAct!).toBeGreaterThan(0);
  });

  test('ReLU, depth 10, He: first/last between 0.1 and 10', async () => {
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 10, activation: 'relu', init: 'he', gain: 1, compare: false }, { steps: 1 });
    const r = ratio(f!);
    expect(r).toBeGreaterThan(0.1);
    expect(r).toBeLessThan(10);
  });

  test('saturation defaults: first layer orders of magnitude below the last; histograms count every z', async () => {
    const exp = experiments.saturation;
    const [f] = await runFrames(exp, {}, { steps: 1 });
    expect(ratio(f!)).toBeLessThan(1e-2);
    for (const layer of f!.layers.slice(0, -1)) {
      const h = layer.histogram!;
      expect(h.counts).toHaveLength(48);
      expect(h.counts.reduce((s, c) => s + c, 0) + h.under + h.over).toBe(256 * 32);
    }
    // Some hidden layer is partly saturated at σ = 1 (|z| > 6 for some entries).
    expect(Math.max(...f!.layers.map((l) => l.act!.saturated))).toBeGreaterThan(0.01);
  });

  test('saturation grows with σ', async () => {
    const share = async (sigma: number) => {
      const [f] = await runFrames(experiments.saturation, { sigma, depth: 4 }, { steps: 1 });
      return f!.layers.slice(1, -1).reduce((s, l) => s + l.act!.saturated, 0);
    };
    const [small, large] = [await share(0.2), await share(3)];
    expect(small).toBe(0);
    expect(large).toBeGreaterThan(1);
  });
});

describe('explosion', () => {
  test('defaults: run a stops at the first non-finite value, naming step and layer; run b trains on', async () => {
    const exp = experiments.explosion;
    const session = exp.create(defaults(exp.params), { seed: 1, steps: 50 });
    const frames: Frame[] = [];
    try {
      expect(session.runs.map((r) => [r.name, r.label.en])).toEqual([['a', 'A · 1 × He · η 1'], ['b', 'B · 1 × He · η 0.1']]);
      while (session.state('a') === 'training') frames.push(...(await session.next()));
      const a = frames.filter((f) => f.run === 'a');
      const last = a.at(-1)!;
      // The spec's claim: run A trains for a while, then its warm-up passes what it tolerates.
      expect(last.step).toBeGreaterThanOrEqual(10);
      expect(session.state('a')).toBe('diverged');
      const d = last.diverged!;
      expect(d.step).toBe(last.step);
      expect(['activation', 'loss', 'gradient', 'weight']).toContain(d.quantity);
      expect(d.layer).toEqual(expect.any(Number));
      expect(d.layerName).toBe(last.layers[d.layer!]!.name);
      for (const f of a.slice(0, -1)) {
        expect(f.diverged).toBeUndefined();
        expect(Number.isFinite(f.loss)).toBe(true);
      }
      // Run b goes on alone, finite, to its last step; only then is the session done.
      expect(session.done).toBe(false);
      while (!session.done) {
        const next = await session.next();
        expect(next.map((f) => f.run)).toEqual(['b']);
        frames.push(...next);
      }
      const b = frames.filter((f) => f.run === 'b');
      expect(b.map((f) => f.step)).toEqual([...Array(50).keys()]);
      expect(b.at(-1)!.step).toBeGreaterThanOrEqual(d.step + 20);
      expect(b.every((f) => !f.diverged && Number.isFinite(f.loss))).toBe(true);
      expect(session.state('b')).toBe('done');
      expect(await session.next()).toEqual([]);
    } finally {
      session.dispose();
    }
  });

  test('defaults diverge for other seeds too', async () => {
    for (const seed of [2, 3]) {
      const frames = await runFrames(experiments.explosion, {}, { seed, steps: 40 });
      expect(frames.at(-1)!.diverged).toBeDefined();
    }
  });

  test('norms grow geometrically with depth at step 0 (∂L/∂a towards the input)', async () => {
    const [f] = await runFrames(experiments.explosion, { scale: 2, depth: 12, compare: false }, { steps: 1 });
    const act = f!.layers.map((l) => l.gradNormAct!);
    // From the last hidden layer back to the first: ×2 per layer on average (the scale), 2^10 ≈ 1000 overall.
    expect(act[0]! / act[10]!).toBeGreaterThan(100);
    const std = f!.layers.map((l) => l.act!.std);
    expect(std[10]! / std[0]!).toBeGreaterThan(100);
  });

  test('scale 1 (He) at run B\'s learning rate trains without diverging', async () => {
    const frames = await runFrames(experiments.explosion, { scale: 1, depth: 12, lr: 0.1, compare: false }, { steps: 80 });
    expect(frames).toHaveLength(80);
    expect(frames.some((f) => f.diverged)).toBe(false);
    expect(frames.at(-1)!.loss).toBeLessThan(frames[0]!.loss * 0.7);
  });
});
