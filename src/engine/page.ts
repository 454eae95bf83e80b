/**
 * The engine's tfjs-free surface, for the main thread: experiment
 * declarations (ids, labels, parameters), parameter coercion and
 * serialisation, the Frame type and its JSON helpers, and scalar activation
 * functions for plotting f and f′. Importing this never loads tfjs (a test
 * walks its import graph); training happens in the worker through index.ts.
 */
export * from './activation-math';
export * from './frame';
export * from './params';
export { EXPERIMENT_IDS, experimentSpecs, getExperimentSpec, isExperimentId, type ExperimentId } from './experiments/specs';
export type { ExperimentRun, ExperimentSpec, RunInfo, RunOptions } from './experiments/types';
