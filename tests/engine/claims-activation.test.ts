/**
 * What the chapter "activation-functions" tells the reader its widget shows,
 * one test per sentence, at the default seed (1) unless the claim says
 * otherwise; over the widget's 300 steps. The 300-step sessions train on wasm,
 * the backend most readers' browsers run and seven times faster here than cpu;
 * dead shares are counts of units, and the CLI's backend (cpu) gives the same
 * ones: the last test checks that on the first steps.
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

const act = experiments.activation;
const dead = (f: Frame) => f.extras!['deadShare']!;
/** Each hidden layer's dead share in whole percent, as the chapter lists them. */
const perLayer = (f: Frame) => f.layers.slice(0, -1).map((l) => Math.round(100 * l.act!.dead));
const percent = (x: number) => Math.round(1000 * x) / 10;
const r = (f: Frame) => f.extras!['firstOverLastHidden']!;
/** The defaults trained 300 steps: items 1 and 2 read this one session. */
let defaults: Promise<Frame[]> | undefined;
const trained = () => (defaults ??= runSession(act, {}, { steps: 300 }));

describe('activation-functions', () => {
  test('item 1: at step 0, 11.5 % of the ReLU units are dead (per hidden layer 0, 13, 6, 16, 19, 16 %), leaky ReLU 0 %; r about 0.45 and 0.46', async () => {
    const frames = await trained();
    const [relu, leaky] = [byRun(frames, 'a')[0]!, byRun(frames, 'b')[0]!];
    expect(percent(dead(relu))).toBe(11.5);
    expect(perLayer(relu)).toEqual([0, 13, 6, 16, 19, 16]);
    expect(dead(leaky)).toBe(0);
    expect(r(relu)).toBeCloseTo(0.45, 2);
    expect(r(leaky)).toBeCloseTo(0.46, 2);
  }, 180_000);

  test('item 2: the ReLU share is 34.9 % at step 10 and 31.8 % at step 299 (per layer 6, 47, 31, 38, 44, 25 %); leaky ReLU stays at 0 %; both losses fall from 0.681 below 0.004 by step 50', async () => {
    const frames = await trained();
    const [relu, leaky] = [byRun(frames, 'a'), byRun(frames, 'b')];
    expect(relu).toHaveLength(300);
    expect(percent(dead(relu[10]!))).toBe(34.9);
    expect(percent(dead(relu.at(-1)!))).toBe(31.8);
    expect(perLayer(relu.at(-1)!)).toEqual([6, 47, 31, 38, 44, 25]);
    for (const f of leaky) expect(dead(f)).toBe(0);
    for (const list of [relu, leaky]) {
      expect(list[0]!.loss).toBeCloseTo(0.681, 3);
      expect(list[50]!.loss).toBeLessThan(0.004);
    }
  }, 180_000);

  test('item 3 and the correction: at Adam’s usual 0.001 the ReLU share goes from 11.5 % at step 0 to 9.9 % at step 299', async () => {
    const relu = await runFrames(act, { lr: 0.001, compare: false }, { steps: 300 });
    expect(percent(dead(relu[0]!))).toBe(11.5);
    expect(percent(dead(relu.at(-1)!))).toBe(9.9);
  }, 180_000);

  test('item 4: with k = 0.005, below the 1 % rule, leaky ReLU counts 11.5 % at step 0 and 18.8 % at step 299, fewer than ReLU’s 31.8 %', async () => {
    const frames = await runSession(act, { slope: 0.005 }, { steps: 300 });
    const [relu, leaky] = [byRun(frames, 'a'), byRun(frames, 'b')];
    expect(percent(dead(leaky[0]!))).toBe(11.5);
    expect(percent(dead(leaky.at(-1)!))).toBe(18.8);
    expect(percent(dead(relu.at(-1)!))).toBe(31.8);
  }, 180_000);

  test('item 5: ELU (α = 1) as run B has no dead unit at step 0 and one of 192 at step 299', async () => {
    const elu = await runFrames(act, { activation2: 'elu' }, { steps: 300, run: 'b' });
    expect(dead(elu[0]!)).toBe(0);
    expect(dead(elu.at(-1)!) * 192).toBeCloseTo(1, 6);
  }, 180_000);

  test('item 6: GELU (run A) and SiLU (run B) stay at 0 % dead throughout', async () => {
    const frames = await runSession(act, { activation: 'gelu', activation2: 'silu' }, { steps: 300 });
    expect(frames).toHaveLength(600);
    for (const f of frames) expect(dead(f)).toBe(0);
  }, 180_000);

  test('item 7: on the same He weights, r at step 0 is about 4.6e-4 for the sigmoid and 0.29 for tanh', async () => {
    const frames = await runSession(act, { activation: 'sigmoid', activation2: 'tanh' }, { steps: 1 });
    const [a, b] = [byRun(frames, 'a')[0]!, byRun(frames, 'b')[0]!];
    expect(r(a) / 4.6e-4).toBeGreaterThan(0.95);
    expect(r(a) / 4.6e-4).toBeLessThan(1.05);
    expect(r(b)).toBeCloseTo(0.29, 2);
  });

  test('the dead rule: leaky ReLU with k ≥ 0.01 is never flat, so its dead share is 0 by construction; ReLU’s flat side is z ≤ 0', async () => {
    const { scalarActivation } = await import('../../src/engine/activation-math');
    expect(scalarActivation('leaky-relu', { slope: 0.01 }).flatRegion).toBeNull();
    expect(scalarActivation('leaky-relu', { slope: 0.005 }).flatRegion).toEqual({ below: 0 });
    expect(scalarActivation('relu').flatRegion).toEqual({ below: 0 });
  });
});

test('the CLI’s backend (cpu) counts the same dead units as wasm: item 1’s 11.5 % and 0 % at step 0, 34.9 % at step 10', async () => {
  await tf.setBackend('cpu');
  try {
    const frames = await runSession(act, {}, { steps: 11 });
    const [relu, leaky] = [byRun(frames, 'a'), byRun(frames, 'b')];
    expect(perLayer(relu[0]!)).toEqual([0, 13, 6, 16, 19, 16]);
    expect(percent(dead(relu[10]!))).toBe(34.9);
    for (const f of leaky) expect(dead(f)).toBe(0);
  } finally {
    await tf.setBackend('wasm');
  }
});
