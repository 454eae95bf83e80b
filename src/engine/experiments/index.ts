/** The runnable experiments by id: the worker and the CLI look them up here. Same ids as specs.ts. */
import { explosion } from './explosion';
import { gradientFlow } from './gradient-flow';
import { saturation } from './saturation';
import { experimentSpecs, isExperimentId, type ExperimentId } from './specs';
import type { Experiment } from './types';

export const experiments = {
  'gradient-flow': gradientFlow,
  saturation,
  explosion,
} as const satisfies { readonly [K in ExperimentId]: Experiment<(typeof experimentSpecs)[K]['params']> };

export { EXPERIMENT_IDS, experimentSpecs, getExperimentSpec, isExperimentId, type ExperimentId } from './specs';

/** Untyped lookup for ids that come from outside (URL, CLI, worker messages). */
export function getExperiment(id: string): Experiment | undefined {
  return isExperimentId(id) ? (experiments[id] as unknown as Experiment) : undefined;
}

export type { Experiment, ExperimentRun, ExperimentSpec, RunInfo, RunOptions } from './types';
