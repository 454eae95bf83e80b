/**
 * Messages between the page and its one training worker. Widgets are addressed by
 * `key` (the widget's DOM id), so several widgets share the worker.
 */
import type { Frame } from '../engine/frame';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackend(value: string | null | undefined): value is BackendName {
  return BACKENDS.includes(value as BackendName);
}

export type RunValues = Record<string, number | string | boolean>;

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  | { type: 'start'; key: string; experiment: string; values: RunValues; seed: number; playing: boolean }
  | { type: 'play'; key: string }
  | { type: 'pause'; key: string }
  | { type: 'step'; key: string }
  | { type: 'stop'; key: string }
  | { type: 'memory'; id: number };

/** Why the backend in use is not the one asked for (a `?backend=` that could not start). */
export interface BackendNotice {
  requested: BackendName;
  reason: 'no-adapter' | 'failed';
}

export type RunStatus = 'running' | 'paused' | 'done' | 'diverged';

export type FromWorker =
  | { type: 'ready'; backend: BackendName; notice?: BackendNotice; adapter?: string }
  | { type: 'frames'; key: string; frames: Frame[]; status: RunStatus }
  | { type: 'error'; key?: string; message: string }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number };

export interface WorkerInit {
  /** From `?backend=`: tried first, even a software WebGPU adapter. */
  forced?: BackendName;
  /** URLs of the tfjs .wasm binaries, served by the site itself. */
  wasmPaths: Record<string, string>;
}
