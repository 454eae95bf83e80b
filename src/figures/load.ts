/**
 * The build-time figures scripts/figures.ts wrote, for Widget.astro (build time only).
 * Without the file (`astro dev` before any build) widgets ship empty slots, as they did
 * before figures existed; `npm run build` always writes it first.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Lang } from '../i18n/locales';
import type { runOutcomes } from './session';
import type { StaticSlot } from './static-html';

export const FIGURES_FILE = '.cache/figures/figures.json';
/** The doctor's sample logs by id → their file (src/doctor/samples.ts). */
export const DOCTOR_SAMPLES_FILE = '.cache/figures/doctor-samples.json';

export interface WidgetFigures {
  readonly seed: number;
  /** the last step drawn */
  readonly step: number;
  /** the session's runs, for the widget's run list */
  readonly runs: ReturnType<typeof runOutcomes>;
  readonly slots: Readonly<Record<Lang, Readonly<Record<string, StaticSlot>>>>;
}

let loaded: Record<string, WidgetFigures> | null | undefined;

export function staticFigures(widget: string): WidgetFigures | undefined {
  if (loaded === undefined) loaded = existsSync(FIGURES_FILE) ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, WidgetFigures>) : null;
  return loaded?.[widget];
}
