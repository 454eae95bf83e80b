/**
 * The built-in metrics, in the order they fill a frame, and the options
 * that ask for them. A new metric is a file here, declared with
 * `defineMetric` and listed below (or, outside the engine, passed as
 * TrainerConfig.plugins); its frame field goes in frame.ts (or is added
 * there by module augmentation). The trainer needs no edit.
 */
import { activations, histogram } from './activations';
import { appliedNorm, gradNorms, probes } from './gradients';
import { accuracy, loss, penalty, tolerance } from './loss';
import { sparsity } from './sparsity';
import { cellGrads, forgetGate, timeGrads } from './time';
import type { Metric, MetricOption, MetricSetup } from './types';
import { weightNorms } from './weights';

export const builtinMetrics = [loss, gradNorms, penalty, accuracy, tolerance, appliedNorm, probes, timeGrads, cellGrads, forgetGate, weightNorms, sparsity, activations, histogram] as const;

type Builtin = (typeof builtinMetrics)[number];
type OptionOf<M> = M extends Metric<infer O> ? O : never;

/**
 * What to measure on a step, by metric id: `true` (or the metric's option,
 * e.g. histogram bins) to compute it. Loss, gradient norms and what the
 * setup implies (accuracy, penalty, applied norm) are always there. Each
 * option costs ops. Ids of plug-ins outside this list are allowed (and
 * checked against the trainer's plug-ins when a step runs).
 */
export type MetricOptions = {
  readonly [M in Builtin as [OptionOf<M>] extends [never] ? never : M['id']]?: MetricOption<OptionOf<M>>;
} & { readonly [id: string]: unknown };

/** A metric with the option it runs with on a step. */
export interface ActiveMetric {
  readonly metric: Metric<unknown>;
  readonly option: unknown;
}

const truthy = (option: unknown) => Boolean(option);

/** The metrics of `all` that `options` (and the setup) turn on, in `all`'s order. Throws on an option no metric has. */
export function activeMetrics(all: readonly Metric<unknown>[], options: MetricOptions, setup: MetricSetup): ActiveMetric[] {
  for (const id of Object.keys(options)) if (!all.some((m) => m.id === id)) throw new Error(`unknown metric option ${id}`);
  return all.flatMap((metric) => {
    const option = options[metric.id] as MetricOption<unknown>;
    return (metric.when ?? truthy)(option, setup) ? [{ metric, option }] : [];
  });
}

/** The frame fields a step with these metrics fills (RunShape.series): step fields, then layer fields. */
export function metricFields(active: readonly ActiveMetric[]): string[] {
  const fields = active.flatMap((a) => a.metric.fields);
  return [...fields.filter((f) => f.per === 'step'), ...fields.filter((f) => f.per === 'layer')].map((f) => f.key);
}

export type { Metric, MetricField, MetricOption, MetricSetup, MetricSource, ReadContext, RecordedLayer, StepTensors } from './types';
export { defineMetric } from './types';
