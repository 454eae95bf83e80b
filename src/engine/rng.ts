/**
 * Seeded pseudo-random numbers. Initial weights and data are drawn here, in
 * plain JS, and only then turned into tensors: one seed gives bit-identical
 * starting points on every backend (wasm, webgpu, webgl, cpu) and in Node,
 * which backend RNG kernels would not.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Fisher–Yates shuffle, in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream derived from this one (e.g. data vs weights), so adding draws to one part never shifts the other. */
  fork(): Rng;
}

/** mulberry32: 32-bit state, tiny, good enough statistically for teaching widgets. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scrambles a user seed so that nearby seeds (1, 2, 3…) give unrelated streams. */
export function hashSeed(seed: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(hashSeed(seed));
  let spare: number | null = null;
  const rng: Rng = {
    uniform: next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // 1 - u keeps the log argument in (0, 1].
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
      return items;
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}
