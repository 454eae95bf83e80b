/**
 * A widget is one typed module (src/widgets/<id>/widget.ts): its experiment's
 * declaration, its chart slots, its own strings in both languages, and its view,
 * loaded only when the widget nears the viewport. registry.ts lists them once;
 * the experiment index, <Widget>, the content schema and the e2e list derive
 * from it.
 */
import type { ExperimentSpec, RunShape } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';
import type { ParamSpecs, ParamValues } from '../engine/params';
import type { Lang } from '../i18n/locales';
import type { Widen, WidgetStrings } from '../i18n/widget-strings';

/** Every run's frames so far, oldest first, by run name. */
export type RunFrames = ReadonlyMap<string, readonly Frame[]>;

export interface ViewContext<S extends ParamSpecs, T> {
  readonly root: HTMLElement;
  readonly lang: Lang;
  /** The strings every widget shares (buttons, axes, tables, marks). */
  readonly s: WidgetStrings;
  /** This widget's own strings. */
  readonly w: T;
  /** The element a view draws one chart into, by its slot name (the module's `layout`). */
  slot(name: string): HTMLElement;
  /** The values the current session runs with. */
  values(): ParamValues<S>;
  /**
   * Hands one chart's update to the widget, which runs it in a task of its own (the first in
   * the draw's task): a frame's charts never hold the main thread all at once. A newer update
   * under the same key replaces the one still waiting; a reset drops them.
   */
  later(key: string, update: () => void): void;
}

export interface WidgetView {
  /** A session starts: its runs' shapes are known (layers, series); rebuild the charts for them. */
  reset(runs: readonly RunShape[]): void;
  /**
   * Draws every run's frames so far: readouts at once, each chart through `later`. Called at
   * most once per animation frame; returning true asks for another frame (charts still being
   * built).
   */
  draw(frames: RunFrames): boolean;
}

export type ViewFactory<S extends ParamSpecs, T> = (ctx: ViewContext<S, T>) => WidgetView;

export interface WidgetModule<S extends ParamSpecs = ParamSpecs, T = unknown> {
  readonly spec: ExperimentSpec<S>;
  /** Chart slots, row by row: the markup exists before any JavaScript, so the page does not jump. */
  readonly layout: readonly (readonly string[])[];
  readonly strings: Readonly<Record<Lang, T>>;
  /** The view's module, loaded when the widget nears the viewport. */
  readonly view?: () => Promise<{ view: ViewFactory<S, T> }>;
}

/**
 * Identity that ties the view's and the strings' types to the spec; zh must have
 * en's keys. The module exports `Strings` and `Params` for its view (view.ts).
 */
export function defineWidget<S extends ParamSpecs, T>(w: { spec: ExperimentSpec<S>; layout: readonly (readonly string[])[]; strings: { en: T; zh: Widen<T> }; view: () => Promise<{ view: ViewFactory<S, Widen<T>> }> }): WidgetModule<S, Widen<T>> {
  return w as WidgetModule<S, Widen<T>>;
}
