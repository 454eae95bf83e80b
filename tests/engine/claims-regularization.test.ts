/**
 * What the chapter "weight-regularization" tells the reader its widget shows, one test per item
 * of its lists, at the default seed (1), over the widget's 3 000 steps, trained on wasm (as the
 * chapter says). Runs: 'none', 'l1', 'l2'. Held-out losses come every 20 steps; "the gap" is the
 * last one minus the training loss of the same step (the widget's readout).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runSession, useCpu } from './helpers';

beforeAll(async () => {
  await useCpu();
  await tf.setBackend('wasm');
});
afterAll(() => tf.setBackend('cpu'));

type Runs = Record<'none' | 'l1' | 'l2', Frame[]>;
const sessions = new Map<string, Promise<Runs>>();
/** The session at the defaults with `over` changed, trained once per file. */
const trained = (over: Record<string, string> = {}) => {
  const key = JSON.stringify(over);
  if (!sessions.has(key)) {
    sessions.set(key, runSession(experiments.regularization, over, { steps: 3000 }).then((frames) => ({
      none: byRun(frames, 'none'), l1: byRun(frames, 'l1'), l2: byRun(frames, 'l2'),
    })));
  }
  return sessions.get(key)!;
};

const lastHeldOut = (run: Frame[]) => run.findLast((f) => f.validation)!;
const gap = (run: Frame[]) => {
  const f = lastHeldOut(run);
  return f.validation!.loss - f.loss;
};
const weightNorm = (f: Frame) => Math.hypot(...f.layers.map((l) => l.weightNorm!));
const percent = (share: number) => Math.round(100 * share);
/** Within 5 % of the stated value, as the chapter rounds it to two digits. */
const about = (x: number, stated: number) => expect(Math.abs(x / stated - 1)).toBeLessThan(0.05);

describe('regularization at the defaults', () => {
  test('item 1: without a penalty the training loss falls to 0.019 while the held-out loss is lowest at step 340 (0.088) and rises to 0.120 at step 2 980, a gap of 0.10; ‖W‖ grows from 11.5 to 12.4', async () => {
    const { none } = await trained();
    expect(none.at(-1)!.loss.toFixed(3)).toBe('0.019');
    const held = none.filter((f) => f.validation);
    const best = held.reduce((a, f) => (f.validation!.loss < a.validation!.loss ? f : a));
    expect(best.step).toBe(340);
    expect(best.validation!.loss.toFixed(3)).toBe('0.088');
    expect(lastHeldOut(none).step).toBe(2980);
    expect(lastHeldOut(none).validation!.loss.toFixed(3)).toBe('0.120');
    expect(gap(none).toFixed(2)).toBe('0.10');
    expect(weightNorm(none[0]!).toFixed(1)).toBe('11.5');
    expect(weightNorm(none.at(-1)!).toFixed(1)).toBe('12.4');
  }, 900_000);

  test('item 2: L2 ends with training loss 0.024, held-out 0.094, a gap of 0.070; ‖W‖ 7.8; 1 % of its weights below 1e-3, against 0.7 % without a penalty', async () => {
    const { none, l2 } = await trained();
    expect(l2.at(-1)!.loss.toFixed(3)).toBe('0.024');
    expect(lastHeldOut(l2).validation!.loss.toFixed(3)).toBe('0.094');
    expect(gap(l2).toFixed(3)).toBe('0.070');
    expect(gap(l2)).toBeLessThan(gap(none));
    expect(weightNorm(l2.at(-1)!).toFixed(1)).toBe('7.8');
    expect(weightNorm(l2.at(-1)!)).toBeLessThan(weightNorm(none.at(-1)!));
    expect(percent(l2.at(-1)!.overallSparsity!)).toBe(1);
    expect((100 * none.at(-1)!.overallSparsity!).toFixed(1)).toBe('0.7');
  }, 900_000);

  test('item 3: L1 ends with training loss 0.029, held-out 0.090, the smallest gap (0.060); ‖W‖ 5.5; 94 % of its weights below 1e-3, by layer 53, 94, 95 and 66 %', async () => {
    const { none, l1, l2 } = await trained();
    expect(l1.at(-1)!.loss.toFixed(3)).toBe('0.029');
    expect(lastHeldOut(l1).validation!.loss.toFixed(3)).toBe('0.090');
    expect(gap(l1).toFixed(3)).toBe('0.060');
    expect(gap(l1)).toBeLessThan(Math.min(gap(l2), gap(none)));
    expect(weightNorm(l1.at(-1)!).toFixed(1)).toBe('5.5');
    expect(percent(l1.at(-1)!.overallSparsity!)).toBe(94);
    expect(l1.at(-1)!.layers.map((l) => percent(l.sparsity!))).toEqual([53, 94, 95, 66]);
    expect(l1.at(-1)!.overallSparsity!).toBeGreaterThan(l2.at(-1)!.overallSparsity!);
  }, 900_000);

  test('item 4: at the end the penalty is 71 % of the total loss of both penalized runs', async () => {
    const { l1, l2 } = await trained();
    expect(percent(l1.at(-1)!.penaltyShare!)).toBe(71);
    expect(percent(l2.at(-1)!.penaltyShare!)).toBe(71);
  }, 900_000);
});

describe('regularization with the other controls', () => {
  test('Adam: without a penalty the training loss falls below 1e-10 and the held-out loss rises to 0.19; 19 % of the L2 run’s weights end below 1e-3, against 1 % under SGD', async () => {
    const { none, l2 } = await trained({ optimizer: 'adam' });
    expect(none.at(-1)!.loss).toBeLessThan(1e-10);
    expect(lastHeldOut(none).validation!.loss.toFixed(2)).toBe('0.19');
    expect(percent(l2.at(-1)!.overallSparsity!)).toBe(19);
  }, 900_000);

  test('proximal L1: the same 94 % below 1e-3 and a gap of 0.066, but a gradient norm of 0.019 at the end against the subgradient run’s 0.41', async () => {
    const [{ l1: prox }, { l1: sub }] = [await trained({ l1Update: 'proximal' }), await trained()];
    expect(percent(prox.at(-1)!.overallSparsity!)).toBe(94);
    expect(gap(prox).toFixed(3)).toBe('0.066');
    about(prox.at(-1)!.globalNorm, 0.019);
    about(sub.at(-1)!.globalNorm, 0.41);
  }, 900_000);
});
