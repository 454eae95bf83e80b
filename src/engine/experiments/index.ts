/**
 * The runnable experiments by id: the worker and the CLI look them up here. The
 * ids are the widgets' (src/widgets/registry.ts): a registered widget without its
 * experiment here, or an experiment whose parameters differ from its widget's, is
 * a type error.
 */
import type { widgets, WidgetId } from '../../widgets/registry';
import { activation } from './activation';
import { batchnorm } from './batchnorm';
import { clipping } from './clipping';
import { explosion } from './explosion';
import { gradientFlow } from './gradient-flow';
import { initialization } from './initialization';
import { lstm } from './lstm';
import { pretraining } from './pretraining';
import { regularization } from './regularization';
import { residual } from './residual';
import { saturation } from './saturation';
import type { Experiment } from './types';

export const experiments = {
  'gradient-flow': gradientFlow,
  saturation,
  explosion,
  pretraining,
  clipping,
  initialization,
  residual,
  activation,
  batchnorm,
  lstm,
  regularization,
} as const satisfies { readonly [K in WidgetId]: Experiment<(typeof widgets)[K]['spec']['params']> };

export const EXPERIMENT_IDS = Object.keys(experiments) as WidgetId[];

/** Untyped lookup for ids that come from outside (URL, CLI, worker messages). */
export function getExperiment(id: string): Experiment | undefined {
  return Object.hasOwn(experiments, id) ? (experiments[id as WidgetId] as unknown as Experiment) : undefined;
}

export type { Experiment, ExperimentSession, ExperimentSpec, LayerShape, RunOptions, RunShape, RunState } from './types';
