/**
 * What the chapter "gradient-clipping" tells the reader its widget shows, one
 * test per sentence, at the default seed (1). The 200-step sessions (three runs
 * of a 12-layer net) train on wasm, seven times faster here than cpu; the last
 * test checks that the CLI's backend (cpu) gives the unclipped run's blow-up at
 * the same step and layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runFrames, runSession, useCpu } from './helpers';

beforeAll(async () => {
  await useCpu();
  await tf.setBackend('wasm');
});
afterAll(() => tf.setBackend('cpu'));

const clipping = experiments.clipping;
let defaults: Promise<Frame[]> | undefined;
const trained = () => (defaults ??= runSession(clipping, {}, { steps: 200 }));
const minLoss = (fs: Frame[]) => Math.min(...fs.map((f) => f.loss).filter(Number.isFinite));
/** A step was clipped when the norm after is below the norm before. */
const clipped = (f: Frame) => f.appliedNorm! < f.globalNorm * (1 - 1e-5);

describe('gradient-clipping: clipping', () => {
  test('item 1: without clipping the run trains for twenty steps (loss below 1 up to step 20), then its loss jumps to more than 10× its lowest so far at step 21 and an activation in layer 2 overflows at step 23', async () => {
    const none = byRun(await trained(), 'none');
    expect(none).toHaveLength(24);
    for (const f of none.slice(0, 21)) expect(f.loss).toBeLessThan(1);
    const lowest = minLoss(none.slice(0, 21));
    expect(none[21]!.loss).toBeGreaterThan(10 * lowest);
    expect(none.at(-1)!.diverged).toMatchObject({ step: 23, quantity: 'activation', layerName: 'dense2' });
  });

  test('item 1: both clipped runs train all 200 steps and end below a loss of 0.06, under a third of the lowest the unclipped run reached (about 0.22)', async () => {
    const frames = await trained();
    const noneLowest = minLoss(byRun(frames, 'none'));
    expect(noneLowest).toBeGreaterThan(0.2);
    expect(noneLowest).toBeLessThan(0.25);
    for (const run of ['value', 'norm']) {
      const fs = byRun(frames, run);
      expect(fs).toHaveLength(200);
      expect(fs.every((f) => f.diverged === undefined && Number.isFinite(f.loss))).toBe(true);
      expect(fs.at(-1)!.loss).toBeLessThan(0.06);
      expect(fs.at(-1)!.loss).toBeLessThan(noneLowest / 3);
    }
  });

  test('item 2: clipping by value clips some entries on every step (1 % to 40 % of them) and its cosine stays between 0.5 and 0.95; clipping by norm keeps the direction, cosine 1 on every step', async () => {
    const frames = await trained();
    const value = byRun(frames, 'value');
    for (const f of value) {
      expect(f.clippedShare!).toBeGreaterThan(0.01);
      expect(f.clippedShare!).toBeLessThan(0.4);
      expect(f.clipCosine!).toBeGreaterThan(0.5);
      expect(f.clipCosine!).toBeLessThan(0.95);
    }
    for (const f of byRun(frames, 'norm')) expect(Math.abs(f.clipCosine! - 1)).toBeLessThan(1e-5);
  });

  test('item 3: at the defaults both clipped runs clip on every step: the norm threshold 0.2 lies below their typical gradient norm (median 0.6 to 1.2)', async () => {
    const frames = await trained();
    for (const run of ['value', 'norm']) {
      const fs = byRun(frames, run);
      expect(fs.every(clipped)).toBe(true);
      const norms = fs.map((f) => f.globalNorm).sort((x, y) => x - y);
      expect(norms[100]!).toBeGreaterThan(0.6);
      expect(norms[100]!).toBeLessThan(1.2);
    }
  });

  test('item 3: with the norm threshold at 1 the run stays finite but learns little: its loss never goes below 0.15', async () => {
    const norm = await runFrames(clipping, { clipNorm: 1 }, { steps: 200, run: 'norm' });
    expect(norm).toHaveLength(200);
    expect(norm.every((f) => Number.isFinite(f.loss))).toBe(true);
    expect(minLoss(norm)).toBeGreaterThan(0.15);
  });

  test('the CLI (cpu) shows the same blow-up: the unclipped run diverges at step 23 in layer 2', async () => {
    await tf.setBackend('cpu');
    try {
      const none = await runFrames(clipping, {}, { steps: 30, run: 'none' });
      expect(none.at(-1)!.diverged).toMatchObject({ step: 23, layerName: 'dense2' });
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
