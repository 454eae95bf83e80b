/**
 * Sample logs from the site's own experiments, declared once: scripts/figures.ts trains
 * each (cached with the figures) and writes it in the doctor's format; the doctor page
 * offers them; the e2e test checks the page diagnoses each as `expect` says.
 */
import type { WidgetId } from '../widgets/registry';
import type { Category } from './analyze';

export interface Sample {
  readonly id: 'vanishing' | 'healthy' | 'exploding';
  readonly widget: WidgetId;
  /** Flags as `npm run experiment` takes them. */
  readonly values: Readonly<Record<string, string>>;
  readonly steps: number;
  /** What the doctor says of it. */
  readonly expect: Category | 'healthy';
}

export const SAMPLES: readonly Sample[] = [
  { id: 'vanishing', widget: 'gradient-flow', values: { activation: 'sigmoid', depth: '20', compare: 'false' }, steps: 200, expect: 'vanishing' },
  { id: 'healthy', widget: 'gradient-flow', values: { activation: 'relu', init: 'he', depth: '20', compare: 'false' }, steps: 200, expect: 'healthy' },
  { id: 'exploding', widget: 'explosion', values: { compare: 'false' }, steps: 200, expect: 'exploding' },
];

/** Where the build writes them (src/pages/doctor-samples/), under the site's base. */
export const sampleFile = (id: Sample['id']) => `doctor-samples/${id}.csv`;
