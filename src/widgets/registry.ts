/**
 * Every widget, registered once. The content schema, <Widget>, the experiment
 * index's type, the e2e widget list and the worker's lookups derive from here.
 * Importing this loads no tfjs and no d3: views and experiments load lazily.
 */
import activation from './activation/widget';
import batchnorm from './batchnorm/widget';
import clipping from './clipping/widget';
import explosion from './explosion/widget';
import gradientFlow from './gradient-flow/widget';
import initialization from './initialization/widget';
import lstm from './lstm/widget';
import pretraining from './pretraining/widget';
import regularization from './regularization/widget';
import residual from './residual/widget';
import saturation from './saturation/widget';
import type { WidgetModule } from './types';
import { assertWidgets } from './validate';

export const widgets = {
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
} as const;

assertWidgets(widgets);

export type WidgetId = keyof typeof widgets;
export const WIDGET_IDS = Object.keys(widgets) as WidgetId[];

export function isWidgetId(id: string): id is WidgetId {
  return Object.hasOwn(widgets, id);
}

/** Untyped lookup for ids from outside (markup, URL). */
export function getWidget(id: string): WidgetModule | undefined {
  return isWidgetId(id) ? (widgets[id] as unknown as WidgetModule) : undefined;
}
