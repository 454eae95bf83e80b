/**
 * What the chapter "pretraining" tells the reader its widget shows, at the default seed (1), over
 * the widget's 1 500 fine-tuning steps, trained on wasm (as the chapter says). Runs: 'pretrained'
 * (A: autoencoder phases, then fine-tuning) and 'scratch' (B: from the same random start,
 * beside A's fine-tuning). "Fine-tuning step k" is A's k-th frame on the targets, B's k-th frame.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { wave2d } from '../../src/engine/data';
import { experiments } from '../../src/engine/experiments/index';
import { mlpRun } from '../../src/engine/experiments/mlp-run';
import { pretrainingRuns } from '../../src/engine/experiments/pretraining';
import { POINTS, pretrainingParams } from '../../src/engine/experiments/pretraining.spec';
import { createSession } from '../../src/engine/experiments/run';
import type { Frame } from '../../src/engine/frame';
import { defaults } from '../../src/engine/params';
import { createRng } from '../../src/engine/rng';
import { runSession, useCpu } from './helpers';

beforeAll(async () => {
  await useCpu();
  await tf.setBackend('wasm');
});
afterAll(() => tf.setBackend('cpu'));

interface Runs {
  /** A's autoencoder frames, then its fine-tuning frames. */
  ae: Frame[];
  a: Frame[];
  b: Frame[];
}
const sessions = new Map<string, Promise<Runs>>();
const trained = (over: Record<string, string | number> = {}) => {
  const key = JSON.stringify(over);
  if (!sessions.has(key)) {
    sessions.set(key, runSession(experiments.pretraining, over, { steps: experiments.pretraining.steps }).then((frames) => ({
      ae: frames.filter((f) => f.run === 'pretrained' && f.phase !== 'finetune'),
      a: frames.filter((f) => f.run === 'pretrained' && (f.phase ?? 'finetune') === 'finetune'),
      b: frames.filter((f) => f.run === 'scratch'),
    })));
  }
  return sessions.get(key)!;
};

const r = (f: Frame) => f.extras!['firstOverLastHidden']!;
const minLoss = (run: Frame[]) => Math.min(...run.map((f) => f.loss));
/** The first fine-tuning step whose loss is below `t` (-1: none). */
const firstBelow = (run: Frame[], t: number) => run.findIndex((f) => f.loss < t);
const ratios = (a: Frame, b: Frame) => a.layers.map((l, i) => l.gradNormW / b.layers[i]!.gradNormW);
/** Stated as "a × 10^e" with two digits. */
const sci = (x: number) => x.toExponential(1);

describe('pretraining at the defaults', () => {
  test('item 1: the autoencoders’ reconstruction losses start between 0.29 and 0.43 and end lower the higher the layer: 3.7e-5 for the first, 8.2e-12 for the eighth', async () => {
    const { ae } = await trained();
    const phases = Array.from({ length: 8 }, (_, k) => ae.filter((f) => f.phase === `ae${k + 1}`));
    expect(phases.map((p) => p.length)).toEqual(Array(8).fill(300));
    for (const p of phases) {
      expect(p[0]!.loss).toBeGreaterThan(0.29);
      expect(p[0]!.loss).toBeLessThan(0.43);
    }
    expect(sci(phases[0]!.at(-1)!.loss)).toBe('3.7e-5');
    expect(sci(phases[7]!.at(-1)!.loss)).toBe('8.2e-12');
    expect(phases.slice(4).map((p) => p.at(-1)!.loss).every((l, i, all) => i === 0 || l < all[i - 1]!)).toBe(true);
  }, 900_000);

  test('item 2: at the first fine-tuning step r is 9.8e-8 for A and 2.9e-8 for B; A’s bars are above B’s in every layer, by 1.2 to 4.3 times', async () => {
    const { a, b } = await trained();
    expect(a[0]!.step).toBe(2400);
    expect(b[0]!.step).toBe(2400);
    expect(sci(r(a[0]!))).toBe('9.8e-8');
    expect(sci(r(b[0]!))).toBe('2.9e-8');
    const q = ratios(a[0]!, b[0]!);
    expect(Math.min(...q).toFixed(1)).toBe('1.2');
    expect(Math.max(...q).toFixed(1)).toBe('4.3');
  }, 900_000);

  test('item 3: B’s loss sits at the targets’ variance, 0.2647 (the loss of predicting their mean), from fine-tuning step 250 on, and never goes below 0.2618; A’s falls below 0.1 at fine-tuning step 555, below 0.01 at 734, and ends at 0.0024', async () => {
    const { a, b } = await trained();
    const y = wave2d(createRng(1).fork(), POINTS).y;
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const variance = y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length;
    expect(variance.toFixed(4)).toBe('0.2647');
    expect(b[250]!.loss.toFixed(4)).toBe('0.2647');
    expect(minLoss(b).toFixed(4)).toBe('0.2618');
    expect(firstBelow(a, 0.1)).toBe(555);
    expect(firstBelow(a, 0.01)).toBe(734);
    expect(a.at(-1)!.loss.toFixed(4)).toBe('0.0024');
    expect(a).toHaveLength(1500);
    expect(b).toHaveLength(1500);
  }, 900_000);

  test('item 4: A’s r passes 1 within 500 fine-tuning steps; B’s climbs too, to 1.2 at step 1 000, while its loss stays flat: its last hidden layer’s gradient fell from 0.67 to 2.2e-8 by step 500, its first’s from 1.9e-8 to 2.7e-9', async () => {
    const { a, b } = await trained();
    expect(a.slice(0, 500).some((f) => r(f) > 1)).toBe(true);
    expect(r(b[1000]!).toFixed(1)).toBe('1.2');
    const last = (f: Frame) => sci(f.layers[7]!.gradNormW);
    const first = (f: Frame) => sci(f.layers[0]!.gradNormW);
    expect([last(b[0]!), last(b[500]!), first(b[0]!), first(b[500]!)]).toEqual(['6.7e-1', '2.2e-8', '1.9e-8', '2.7e-9']);
    expect(Math.max(...b.map((f) => f.loss).slice(250)) - minLoss(b)).toBeLessThan(0.005);
  }, 900_000);

  test('why: the spread of each autoencoder’s input (RMS over units of the standard deviation over the points) falls from 0.073 for h₁ to 3.1e-6 for h₇, by 2 to 3 per layer at first, then by 6 to 10', async () => {
    const spreads: number[] = [];
    const [pre] = pretrainingRuns(defaults(pretrainingParams));
    const session = createSession({ experiment: 'pretraining', seed: 1, steps: 1 }, [mlpRun({
      ...pre!,
      phases: (net, data, rng) => {
        const p = pre!.phases!(net, data, rng);
        return {
          ...p,
          before: p.before.map((phase) => ({
            ...phase,
            async begin(main) {
              const cfg = await phase.begin(main);
              const d = cfg.trainer.data;
              const { x, n } = d as { x: Float32Array; n: number };
              const dim = x.length / n;
              let sum = 0;
              for (let j = 0; j < dim; j++) {
                let m = 0;
                let q = 0;
                for (let i = 0; i < n; i++) { m += x[i * dim + j]!; q += x[i * dim + j]! ** 2; }
                m /= n;
                sum += q / n - m * m;
              }
              spreads.push(Math.sqrt(sum / dim));
              return cfg;
            },
          })),
        };
      },
    })]);
    try {
      while (!session.done) await session.next();
    } finally {
      session.dispose();
    }
    expect(spreads.slice(1).map((v) => v.toPrecision(2))).toEqual(['0.073', '0.035', '0.011', '0.0017', '0.00020', '0.000022', '0.0000031']);
    // a factor of 2 to 3 per layer at first (a perfect tied layer's is 2), then 6 to 10
    const falls = spreads.slice(1).map((v, i, all) => (i ? all[i - 1]! / v : NaN)).slice(1);
    expect(falls.slice(0, 2).every((q) => q > 1.8 && q < 3.2)).toBe(true);
    expect(falls.slice(2).every((q) => q > 6 && q < 10)).toBe(true);
  }, 900_000);

  test('try 1: B’s bars fall from the last hidden layer to the second by 0.8 to 0.9 orders of magnitude per layer, then by more than two orders to the first; A’s fall by 0.7 to 0.8 per layer', async () => {
    const { a, b } = await trained();
    const slope = (f: Frame) => Math.log10(f.layers[7]!.gradNormW / f.layers[1]!.gradNormW) / 6;
    expect(slope(b[0]!)).toBeGreaterThan(0.8);
    expect(slope(b[0]!)).toBeLessThan(0.9);
    expect(b[0]!.layers[1]!.gradNormW / b[0]!.layers[0]!.gradNormW).toBeGreaterThan(100);
    expect(slope(a[0]!)).toBeGreaterThan(0.7);
    expect(slope(a[0]!)).toBeLessThan(0.8);
  }, 900_000);
});

describe('pretraining with the other controls', () => {
  test('Xavier: at the first fine-tuning step A’s bars are lower than B’s in the lower layers (0.45 to 1.2 times B’s); A’s loss never goes below 0.26, B’s stays above it to fine-tuning step 1 000 and ends at 0.15; B’s r at the first step is 36 times that at N(0, 0.1²)', async () => {
    const { a, b } = await trained({ init: 'xavier' });
    const q = ratios(a[0]!, b[0]!);
    expect(Math.min(...q).toFixed(2)).toBe('0.45');
    expect(Math.max(...q).toFixed(1)).toBe('1.2');
    expect(minLoss(a).toFixed(2)).toBe('0.26');
    expect(b[1000]!.loss).toBeGreaterThan(0.26);
    expect(b.at(-1)!.loss.toFixed(2)).toBe('0.15');
    // r of run B at the first step: 36 times its r at N(0, 0.1²)
    const { b: b01 } = await trained();
    expect(Math.round(r(b[0]!) / r(b01[0]!))).toBe(36);
  }, 900_000);

  test('ReLU with He: B’s bars start within a factor of 4 of each other, A’s 14 to 71 times below B’s; both losses fall below 0.01 within 70 fine-tuning steps', async () => {
    const { a, b } = await trained({ init: 'he', activation: 'relu' });
    const q = ratios(a[0]!, b[0]!);
    expect(Math.round(1 / Math.max(...q))).toBe(14);
    expect(Math.round(1 / Math.min(...q))).toBe(71);
    // B's bars start roughly level: within a factor of 4 of each other
    const bars = b[0]!.layers.map((l) => l.gradNormW);
    expect(Math.max(...bars) / Math.min(...bars)).toBeLessThan(4);
    expect(firstBelow(a, 0.01)).toBeLessThan(70);
    expect(firstBelow(b, 0.01)).toBeLessThan(70);
  }, 900_000);

  test('tanh: A’s bars start 55 to 330 times above B’s; A’s loss falls below 0.01 at fine-tuning step 211, B’s at 302', async () => {
    const { a, b } = await trained({ activation: 'tanh' });
    const q = ratios(a[0]!, b[0]!);
    expect(Math.round(Math.min(...q))).toBe(55);
    expect(Math.round(Math.max(...q) / 10) * 10).toBe(330);
    expect(firstBelow(a, 0.01)).toBe(211);
    expect(firstBelow(b, 0.01)).toBe(302);
  }, 900_000);

  test('100 autoencoder steps per layer: A’s loss stays above 0.21 for all 1 500 steps', async () => {
    const { a } = await trained({ aeSteps: 100 });
    expect(a[0]!.step).toBe(800);
    expect(minLoss(a).toFixed(2)).toBe('0.22');
  }, 900_000);

  test('depth 4: both learn; A’s loss falls below 0.01 at fine-tuning step 337, B’s at 480', async () => {
    const { a, b } = await trained({ depth: 4 });
    expect(firstBelow(a, 0.01)).toBe(337);
    expect(firstBelow(b, 0.01)).toBe(480);
  }, 900_000);
});
