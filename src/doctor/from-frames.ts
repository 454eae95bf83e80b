/**
 * The site's own runs in the doctor's format (`npm run experiment -- <id> --doctor`):
 * one row per layer and step with its weight gradient ‖∂L/∂W‖, the weight norm the
 * gradient was taken at, and the activation statistics; the loss on the step's first row.
 */
import type { StepMetrics } from '../engine/frame';
import { csvHeader, csvLine, jsonLine, type LogRow, type MeasureKey } from './format';

/**
 * `before`: each layer's ‖W‖ before this step's update (the previous frame's, which
 * records it after its update), as the snippets log it after backward(); none at step 0.
 */
export function frameRows(frame: StepMetrics, before?: readonly (number | undefined)[]): LogRow[] {
  return frame.layers.map((l, i) => {
    const w = before?.[i];
    return {
      step: frame.step,
      name: l.name,
      grad_norm: l.gradNormW,
      ...(w !== undefined ? { weight_norm: w } : {}),
      ...(l.act ? { act_mean: l.act.mean, act_std: l.act.std, act_saturated: l.act.saturated, act_dead: l.act.dead } : {}),
      ...(i === 0 ? { loss: frame.loss } : {}),
    };
  });
}

export type DoctorFormat = 'csv' | 'jsonl';

/** A writer that turns one run's frames, in order, into lines; the header first for CSV. */
export function doctorWriter(format: DoctorFormat): (frame: StepMetrics) => string[] {
  let measures: MeasureKey[] | null = null;
  let before: (number | undefined)[] | undefined;
  return (frame) => {
    const rows = frameRows(frame, before);
    before = frame.layers.map((l) => l.weightNorm);
    if (format === 'jsonl') return rows.map(jsonLine);
    let head: string[] = [];
    if (!measures) {
      const keys = new Set<MeasureKey>(frame.layers.some((l) => l.weightNorm !== undefined) ? ['weight_norm'] : []);
      for (const row of rows) for (const k of Object.keys(row)) if (k !== 'step' && k !== 'name') keys.add(k as MeasureKey);
      head = [csvHeader((measures = [...keys]))];
    }
    return [...head, ...rows.map((r) => csvLine(r, measures!))];
  };
}
