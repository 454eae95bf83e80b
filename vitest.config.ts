import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    // Vitest leaves a core free by default: with two, the long claims files would run one after another.
    maxWorkers: 2,
  },
});
