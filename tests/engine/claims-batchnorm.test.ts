/**
 * What the chapter "batch-normalization" tells the reader its widget shows,
 * one test per sentence, at the default seed (1), over the widget's 300
 * steps. Its own file so that it runs beside claims.test.ts.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runSession, useCpu } from './helpers';

beforeAll(useCpu);

const bn = experiments.batchnorm;
const r = (f: Frame) => f.extras!['firstOverLastHidden']!;
/** Within 1 % of the value the chapter prints. */
const near = (x: number, printed: number) => expect(Math.abs(x / printed - 1)).toBeLessThan(0.01);
/** The defaults trained 300 steps: every item reads this one session. */
let defaults: Promise<{ a: Frame[]; b: Frame[] }> | undefined;
const trained = () => (defaults ??= runSession(bn, {}, { steps: 300 }).then((frames) => ({ a: byRun(frames, 'a'), b: byRun(frames, 'b') })));

describe('batch-normalization', () => {
  test('item 1: at step 0 run A’s r is 5.7e-14 (about thirteen orders of magnitude) and run B’s 33: the gradient grows toward the input', async () => {
    const { a, b } = await trained();
    near(r(a[0]!), 5.7e-14);
    expect(Math.round(r(b[0]!))).toBe(33);
  }, 300_000);

  test('item 2: every hidden layer of both runs is 0 % saturated, at every step', async () => {
    const { a, b } = await trained();
    for (const f of [...a, ...b]) for (const l of f.layers.slice(0, -1)) expect(l.act!.saturated).toBe(0);
  }, 300_000);

  test('item 3: from step 20 on run A’s loss stays within 0.01 of ln 2; run B’s training-mode loss is 0.650, 0.621 and 0.563 at steps 10, 50 and 299; its r is 5.4 at step 1, 1.9 at step 10, then between 0.6 and 11 and never back at 33', async () => {
    const { a, b } = await trained();
    expect(a).toHaveLength(300);
    for (const f of a.slice(20)) expect(Math.abs(f.loss - Math.LN2)).toBeLessThan(0.01);
    near(b[10]!.loss, 0.65);
    near(b[50]!.loss, 0.621);
    near(b[299]!.loss, 0.563);
    expect(r(b[1]!).toFixed(1)).toBe('5.4');
    expect(r(b[10]!).toFixed(1)).toBe('1.9');
    for (const f of b.slice(10)) {
      expect(r(f)).toBeGreaterThan(0.55);
      expect(r(f)).toBeLessThan(11.5);
    }
  }, 300_000);

  test('item 4: at step 0 both runs’ evaluation-mode loss is 0.7091; then run B’s is 0.656 at step 50, 0.637 at step 100 (training mode 0.638) and 0.871 at step 299', async () => {
    const { a, b } = await trained();
    expect(a[0]!.eval!.loss.toFixed(4)).toBe('0.7091');
    expect(b[0]!.eval!.loss.toFixed(4)).toBe('0.7091');
    near(b[50]!.eval!.loss, 0.656);
    near(b[100]!.eval!.loss, 0.637);
    near(b[100]!.loss, 0.638);
    near(b[299]!.eval!.loss, 0.871);
  }, 300_000);
});
