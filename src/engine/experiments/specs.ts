/**
 * Experiment declarations by id, without tfjs: what the page loads on the
 * main thread to build controls, read and validate URL state, and label
 * things. The runnable registry is index.ts (worker side).
 */
import { explosionSpec } from './explosion.spec';
import { gradientFlowSpec } from './gradient-flow.spec';
import { saturationSpec } from './saturation.spec';
import type { ExperimentSpec } from './types';

export const experimentSpecs = {
  'gradient-flow': gradientFlowSpec,
  saturation: saturationSpec,
  explosion: explosionSpec,
} as const;

export type ExperimentId = keyof typeof experimentSpecs;
export const EXPERIMENT_IDS = Object.keys(experimentSpecs) as ExperimentId[];

export function isExperimentId(id: string): id is ExperimentId {
  return Object.hasOwn(experimentSpecs, id);
}

/** Untyped lookup for ids that come from outside (URL, markup, messages). */
export function getExperimentSpec(id: string): ExperimentSpec | undefined {
  return isExperimentId(id) ? (experimentSpecs[id] as unknown as ExperimentSpec) : undefined;
}

export type { ExperimentSpec } from './types';
