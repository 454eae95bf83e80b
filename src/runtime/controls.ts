/** Reading and writing the controls ParamControl.astro renders from a declared parameter. */
import { snapNumber, type ParamSpec } from '../engine/params';

export type Value = number | string | boolean;

/** Range inputs of log-scaled parameters hold log10(value). */
export function readControl(spec: ParamSpec, el: HTMLInputElement | HTMLSelectElement): Value {
  if (spec.kind === 'choice') return el.value;
  if (spec.kind === 'bool') return (el as HTMLInputElement).checked;
  const raw = Number(el.value);
  return snapNumber(spec, spec.scale === 'log' ? 10 ** raw : raw);
}

export function writeControl(spec: ParamSpec, el: HTMLInputElement | HTMLSelectElement, value: Value) {
  if (spec.kind === 'bool') (el as HTMLInputElement).checked = Boolean(value);
  else if (spec.kind === 'choice') el.value = String(value);
  else el.value = String(spec.scale === 'log' ? Math.log10(Number(value)) : value);
}
