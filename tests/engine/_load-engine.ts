/**
 * What the engine's dev scripts (_bench, _frames, _profile; run with `npx tsx`) share:
 * `--key=value` arguments, tfjs with the cpu and wasm backends, and the engine —
 * this tree's, or another copy's with `--engine=<path to src/engine>` for before/after runs.
 */
import '../../scripts/tfjs-node-resolve';
import { pathToFileURL } from 'node:url';

export const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const engineUrl = args.has('engine')
  ? pathToFileURL(`${args.get('engine')!.replace(/\/$/, '')}/`).href
  : new URL('../../src/engine/', import.meta.url).href;

export const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
await import('@tensorflow/tfjs-backend-wasm');
export const engine = (await import(`${engineUrl}index.ts`)) as typeof import('../../src/engine/index');
