/** The adding problem (data.ts): the long-range task of the recurrent chapters. */
import { describe, expect, test } from 'vitest';
import { addingProblem } from '../../src/engine/data';
import { createRng } from '../../src/engine/rng';

/** Sample i's steps as [value, marker] pairs. */
const steps = (d: ReturnType<typeof addingProblem>, i: number) =>
  Array.from({ length: d.length }, (_, t) => [d.x[(i * d.length + t) * 2]!, d.x[(i * d.length + t) * 2 + 1]!] as const);

describe('addingProblem', () => {
  test('two marked steps per sequence, one in each half; the target is the sum of their values', () => {
    for (const length of [5, 50, 101]) {
      const d = addingProblem(createRng(3), length, 64);
      expect(d).toMatchObject({ kind: 'sequence', task: 'regression', n: 64, length, features: 2, outputDim: 1 });
      expect(d.x).toHaveLength(64 * length * 2);
      const half = Math.floor(length / 2);
      for (let i = 0; i < d.n; i++) {
        const s = steps(d, i);
        const marked = s.flatMap(([, m], t) => (m === 1 ? [t] : []));
        expect(s.every(([v, m]) => v >= 0 && v < 1 && (m === 0 || m === 1))).toBe(true);
        expect(marked).toHaveLength(2);
        expect(marked[0]).toBeLessThan(half);
        expect(marked[1]).toBeGreaterThanOrEqual(half);
        expect(d.y[i]).toBe(Math.fround(s[marked[0]!]![0] + s[marked[1]!]![0]));
      }
    }
  });

  test('predicting the mean scores about 1/6, the baseline a model must beat', () => {
    const d = addingProblem(createRng(1), 50, 8192);
    const mean = d.y.reduce((a, b) => a + b, 0) / d.n;
    const mse = d.y.reduce((a, b) => a + (b - 1) ** 2, 0) / d.n;
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(mse - 1 / 6)).toBeLessThan(0.01);
  });

  test('the same seed gives the same data; another seed other data; a length below 2 is refused', () => {
    expect(addingProblem(createRng(7), 20, 32).x).toEqual(addingProblem(createRng(7), 20, 32).x);
    expect(addingProblem(createRng(8), 20, 32).x).not.toEqual(addingProblem(createRng(7), 20, 32).x);
    expect(() => addingProblem(createRng(1), 1)).toThrow(RangeError);
  });
});
