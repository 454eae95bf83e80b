/**
 * What the chapter "batch-normalization" tells the reader its widget shows,
 * one test per sentence, at the default seed (1), over the widget's 300
 * steps. Beyond its first steps the BN run's numbers depend on the backend
 * (item 5), so every claim is checked on the CLI's backend (cpu) and on wasm,
 * the one most readers' browsers run. Its own file, so that it runs beside
 * claims.test.ts on the other core.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runSession, useCpu } from './helpers';

beforeAll(useCpu);
afterAll(() => tf.setBackend('cpu'));

const bn = experiments.batchnorm;
const r = (f: Frame) => f.extras!['firstOverLastHidden']!;
type Runs = { a: Frame[]; b: Frame[] };

/** The session on one backend; the backend stays set only while it trains. */
async function session(backend: 'cpu' | 'wasm', steps: number): Promise<Runs> {
  await tf.setBackend(backend);
  try {
    const frames = await runSession(bn, {}, { steps });
    return { a: byRun(frames, 'a'), b: byRun(frames, 'b') };
  } finally {
    await tf.setBackend('cpu');
  }
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`batch-normalization (${backend})`, () => {
    let trained: Promise<Runs> | undefined;
    const defaults = () => (trained ??= session(backend, 300));

    test('item 1: at step 0 run A’s r is 5.7e-14 (about thirteen orders of magnitude) and run B’s 33: the gradient grows toward the input', async () => {
      const { a, b } = await defaults();
      expect(Math.abs(r(a[0]!) / 5.7e-14 - 1)).toBeLessThan(0.01);
      expect(Math.round(r(b[0]!))).toBe(33);
    }, 400_000);

    test('item 2: every hidden layer of both runs is 0 % saturated, at every step', async () => {
      const { a, b } = await defaults();
      for (const f of [...a, ...b]) for (const l of f.layers.slice(0, -1)) expect(l.act!.saturated).toBe(0);
    }, 400_000);

    test('item 3: from step 20 on run A’s loss stays within 0.01 of ln 2; run B’s training-mode loss is below 0.66 at step 50 and below 0.6 at step 299; its r is 5.4 at step 1, then between 0.5 and 16 from step 10 on, never back at 33', async () => {
      const { a, b } = await defaults();
      expect(a).toHaveLength(300);
      for (const f of a.slice(20)) expect(Math.abs(f.loss - Math.LN2)).toBeLessThan(0.01);
      expect(b[50]!.loss).toBeLessThan(0.66);
      expect(b[299]!.loss).toBeLessThan(0.6);
      expect(r(b[1]!).toFixed(1)).toBe('5.4');
      for (const f of b.slice(10)) {
        expect(r(f)).toBeGreaterThan(0.5);
        expect(r(f)).toBeLessThan(16);
      }
    }, 400_000);

    test('item 4: at step 0 both runs’ evaluation-mode loss is 0.7091; at step 299 run B’s is above 0.8 while its training-mode loss is below 0.6', async () => {
      const { a, b } = await defaults();
      expect(a[0]!.eval!.loss.toFixed(4)).toBe('0.7091');
      expect(b[0]!.eval!.loss.toFixed(4)).toBe('0.7091');
      expect(b[299]!.eval!.loss).toBeGreaterThan(0.8);
      expect(b[299]!.loss).toBeLessThan(0.6);
    }, 400_000);
  });
}

test('item 5: on cpu and wasm, run A’s first five losses agree to about six digits; run B’s training-mode losses agree for two steps, then differ beyond the fourth decimal', async () => {
  const [cpu, wasm] = [await session('cpu', 5), await session('wasm', 5)];
  for (let i = 0; i < 5; i += 1) {
    expect(Math.abs(cpu.a[i]!.loss - wasm.a[i]!.loss)).toBeLessThan(1e-5);
    expect(Math.abs(cpu.a[i]!.eval!.loss - wasm.a[i]!.eval!.loss)).toBeLessThan(1e-5);
  }
  const gap = (i: number) => Math.abs(cpu.b[i]!.loss - wasm.b[i]!.loss);
  expect(gap(0)).toBeLessThan(1e-5);
  expect(gap(1)).toBeLessThan(1e-4);
  expect(Math.max(gap(2), gap(3), gap(4))).toBeGreaterThan(1e-4);
}, 120_000);
