/**
 * Messages between the page and its one training worker. Widgets are addressed by
 * `key` (the widget's DOM id), so several widgets share the worker. A widget runs a
 * session of one or more named runs: the worker first sends the runs' shapes
 * ('session'), then their frames.
 */
import type { Reproduction } from '../engine/reproduce/spec';
import type { RunShape, RunState } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackend(value: string | null | undefined): value is BackendName {
  return BACKENDS.includes(value as BackendName);
}

export type RunValues = Record<string, number | string | boolean>;

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  /** Starts (or restarts) the widget's session; `session` numbers it so stale messages can be told apart. */
  | { type: 'start'; key: string; session: number; experiment: string; values: RunValues; seed: number; playing: boolean }
  | { type: 'play'; key: string }
  | { type: 'pause'; key: string }
  | { type: 'step'; key: string }
  | { type: 'stop'; key: string }
  | { type: 'memory'; id: number }
  /** The experiment at these values and seed, from its initial weights, for another framework (engine/reproduce/). */
  | { type: 'reproduce'; id: number; experiment: string; values: RunValues; seed: number; engine: string };

/** Why the backend in use is not the one asked for (a `?backend=` that could not start). */
export interface BackendNotice {
  requested: BackendName;
  reason: 'no-adapter' | 'failed';
}

export type FromWorker =
  | { type: 'ready'; backend: BackendName; notice?: BackendNotice; adapter?: string }
  /** The session's runs, sent once when it starts, before any of its frames. */
  | { type: 'session'; key: string; session: number; runs: RunShape[] }
  /** New frames of a session (any runs, each frame tagged with `run`), oldest first, and every run's state after them. */
  | { type: 'frames'; key: string; session: number; frames: Frame[]; states: Record<string, RunState> }
  | { type: 'error'; key?: string; session?: number; message: string }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number }
  | { type: 'reproduction'; id: number; reproduction: Reproduction }
  | { type: 'reproduction'; id: number; error: string };

export interface WorkerInit {
  /** From `?backend=`: tried first, even a software WebGPU adapter. */
  forced?: BackendName;
  /** URLs of the tfjs .wasm binaries, served by the site itself. */
  wasmPaths: Record<string, string>;
}
