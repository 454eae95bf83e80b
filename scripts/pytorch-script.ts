/** The CLI's and the tests' way to a PyTorch script: the engine's reproduction, runtime.py read from disk. */
import { readFileSync } from 'node:fs';
import type { Experiment } from '../src/engine/experiments/types';
import { reproduction } from '../src/engine/reproduce/reproduction';
import { pytorchScriptText } from '../src/engine/reproduce/script';

export const runtimeSource = (): string => readFileSync(new URL('../src/engine/reproduce/runtime.py', import.meta.url), 'utf8');

const version = (): string => (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function pytorchScript(exp: Experiment, values: Record<string, unknown>, opts: { seed: number; steps?: number }, runtime: string): string {
  return pytorchScriptText(reproduction(exp, values, { ...opts, engine: version() }), runtime);
}
