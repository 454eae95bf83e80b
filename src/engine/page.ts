/**
 * The engine's tfjs-free surface, for the main thread: parameter
 * declarations (labels, ranges), parameter coercion and
 * serialisation, comparisons of two runs (their derived parameters), the
 * Frame type and its JSON helpers, and scalar activation
 * functions for plotting f and f′. Importing this never loads tfjs (a test
 * walks its import graph); training happens in the worker through index.ts.
 */
export * from './activation-math';
export * from './frame';
export * from './params';
export { COMPARE_PARAM, defineComparison, type ComparedParams, type Comparison, type RunValues, type Twin } from './experiments/compare';
export type { ExperimentSession, ExperimentSpec, LayerShape, RunOptions, RunShape, RunState } from './experiments/types';
