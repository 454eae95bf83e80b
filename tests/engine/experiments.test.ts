import { beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import { frameFromJson, frameToJson } from '../../src/engine/frame';
import { firstOverLast, runFrames, useCpu } from './helpers';

beforeAll(useCpu);

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
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 10, activation: 'sigmoid', init: 'xavier', gain: 1 }, { steps: 1 });
    expect(f!.step).toBe(0);
    expect(firstOverLast(f!)).toBeLessThan(1e-2);
    // Monotone decay towards the input, layer by layer.
    const norms = f!.layers.map((l) => l.gradNormW);
    for (let l = 1; l < norms.length; l++) expect(norms[l - 1]!).toBeLessThan(norms[l]!);
  });

  test('norms far below float32\'s range of squares are still measured (depth 20, gain 0.25: Σg² would underflow to 0)', async () => {
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 20, activation: 'sigmoid', init: 'xavier', gain: 0.25 }, { steps: 1 });
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
    const [f] = await runFrames(experiments['gradient-flow'], { depth: 10, activation: 'relu', init: 'he', gain: 1 }, { steps: 1 });
    const r = firstOverLast(f!);
    expect(r).toBeGreaterThan(0.1);
    expect(r).toBeLessThan(10);
  });

  test('saturation defaults: first layer orders of magnitude below the last; histograms count every z', async () => {
    const exp = experiments.saturation;
    const [f] = await runFrames(exp, {}, { steps: 1 });
    expect(firstOverLast(f!)).toBeLessThan(1e-2);
    expect(f!.extras!.firstOverLast).toBeCloseTo(firstOverLast(f!), 10);
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
  test('defaults: stops at the first non-finite value, naming step and layer', async () => {
    const exp = experiments.explosion;
    const run = exp.create({ scale: 2, depth: 12, lr: 0.01 }, { seed: 1 });
    const frames = [];
    try {
      while (!run.done) frames.push(await run.next());
      const last = frames.at(-1)!;
      expect(frames.length).toBeLessThan(36);
      expect(last.diverged).toBeDefined();
      const d = last.diverged!;
      expect(d.step).toBe(last.step);
      expect(['activation', 'loss', 'gradient', 'weight']).toContain(d.quantity);
      expect(d.layer).toEqual(expect.any(Number));
      expect(d.layerName).toBe(last.layers[d.layer!]!.name);
      // Every frame before it is finite.
      for (const f of frames.slice(0, -1)) {
        expect(f.diverged).toBeUndefined();
        expect(Number.isFinite(f.loss)).toBe(true);
      }
      // Stopped: next() hands back the same frame without training.
      expect(run.done).toBe(true);
      expect(await run.next()).toBe(last);
    } finally {
      run.dispose();
    }
  });

  test('defaults diverge for other seeds too', async () => {
    for (const seed of [2, 3]) {
      const frames = await runFrames(experiments.explosion, {}, { seed, steps: 40 });
      expect(frames.at(-1)!.diverged).toBeDefined();
    }
  });

  test('norms grow geometrically with depth at step 0 (∂L/∂a towards the input)', async () => {
    const [f] = await runFrames(experiments.explosion, { scale: 2, depth: 12 }, { steps: 1 });
    const act = f!.layers.map((l) => l.gradNormAct!);
    // From the last hidden layer back to the first: ×2 per layer on average (the scale), 2^10 ≈ 1000 overall.
    expect(act[0]! / act[10]!).toBeGreaterThan(100);
    const std = f!.layers.map((l) => l.act!.std);
    expect(std[10]! / std[0]!).toBeGreaterThan(100);
  });

  test('scale 1 (He) trains without diverging', async () => {
    const frames = await runFrames(experiments.explosion, { scale: 1, depth: 12 }, { steps: 80 });
    expect(frames).toHaveLength(80);
    expect(frames.some((f) => f.diverged)).toBe(false);
    expect(frames.at(-1)!.loss).toBeLessThan(frames[0]!.loss * 0.7);
  });
});
