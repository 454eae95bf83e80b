/**
 * The page side of the training worker: created on the first widget that needs it,
 * shared by all widgets of the page.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Reproduction } from '../engine/reproduce/spec';
import type { BackendNotice, BackendName, FromWorker, RunValues, ToWorker } from './protocol';
import { readPageState } from './url-state';

export interface WidgetListener {
  session(msg: Extract<FromWorker, { type: 'session' }>): void;
  frames(msg: Extract<FromWorker, { type: 'frames' }>): void;
  error(message: string, session?: number): void;
}

export interface BackendInfo {
  backend: BackendName;
  notice?: BackendNotice;
  adapter?: string;
}

let worker: Worker | undefined;
const listeners = new Map<string, WidgetListener>();
const readyWaiters: ((info: BackendInfo) => void)[] = [];
let ready: BackendInfo | undefined;
let requestId = 0;
const memoryWaiters = new Map<number, (n: { numTensors: number; numBytes: number }) => void>();
const reproductionWaiters = new Map<number, { resolve: (r: Reproduction) => void; reject: (e: Error) => void }>();

function spawn(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'gradient-clinic-training' });
  w.onmessage = (event: MessageEvent<FromWorker>) => {
    const msg = event.data;
    switch (msg.type) {
      case 'ready':
        ready = { backend: msg.backend, ...(msg.notice ? { notice: msg.notice } : {}), ...(msg.adapter ? { adapter: msg.adapter } : {}) };
        readyWaiters.splice(0).forEach((resolve) => resolve(ready!));
        return;
      case 'session':
        listeners.get(msg.key)?.session(msg);
        return;
      case 'frames':
        listeners.get(msg.key)?.frames(msg);
        return;
      case 'error':
        if (msg.key) listeners.get(msg.key)?.error(msg.message, msg.session);
        else listeners.forEach((l) => l.error(msg.message));
        return;
      case 'memory':
        memoryWaiters.get(msg.id)?.(msg);
        memoryWaiters.delete(msg.id);
        return;
      case 'reproduction': {
        const waiter = reproductionWaiters.get(msg.id);
        reproductionWaiters.delete(msg.id);
        if ('error' in msg) waiter?.reject(new Error(msg.error));
        else waiter?.resolve(msg.reproduction);
        return;
      }
    }
  };
  w.onerror = (event) => listeners.forEach((l) => l.error(event.message || 'worker failed'));
  // `?backend=wasm` forces a backend for the whole page (tests, and readers comparing speeds).
  const forced = readPageState(location.search, []).backend;
  const init: ToWorker = {
    type: 'init',
    init: {
      ...(forced ? { forced } : {}),
      wasmPaths: {
        'tfjs-backend-wasm.wasm': new URL(wasmUrl, location.href).href,
        'tfjs-backend-wasm-simd.wasm': new URL(wasmSimdUrl, location.href).href,
        'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreadedUrl, location.href).href,
      },
    },
  };
  w.postMessage(init);
  return w;
}

export function send(msg: ToWorker): void {
  worker ??= spawn();
  worker.postMessage(msg);
}

export function listen(key: string, listener: WidgetListener): void {
  listeners.set(key, listener);
}

export function backendReady(): Promise<BackendInfo> {
  return ready ? Promise.resolve(ready) : new Promise((resolve) => readyWaiters.push(resolve));
}

/** Debug hook for tests: tensors the worker holds right now. */
export function workerMemory(): Promise<{ numTensors: number; numBytes: number }> {
  const id = ++requestId;
  return new Promise((resolve) => {
    memoryWaiters.set(id, resolve);
    send({ type: 'memory', id });
  });
}

/** The experiment at these values and seed as the worker draws it, written down for another framework. */
export function requestReproduction(experiment: string, values: RunValues, seed: number, engine: string): Promise<Reproduction> {
  const id = ++requestId;
  return new Promise((resolve, reject) => {
    reproductionWaiters.set(id, { resolve, reject });
    send({ type: 'reproduce', id, experiment, values, seed, engine });
  });
}
