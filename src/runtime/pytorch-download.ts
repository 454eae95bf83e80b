/** The Reproduce-in-PyTorch button's script, loaded on first click: runtime.py as text and the writer that embeds the experiment in it. */
import type { Reproduction } from '../engine/reproduce/spec';
import { pytorchScriptText, scriptFileName } from '../engine/reproduce/script';
import runtime from '../engine/reproduce/runtime.py?raw';

export function pytorchScript(r: Reproduction): { file: string; text: string } {
  return { file: scriptFileName(r), text: pytorchScriptText(r, runtime) };
}
