/// <reference lib="webworker" />
/**
 * The page's one training worker: starts a backend on first need, then steps the
 * runs of the widgets that are playing, round-robin, posting their frames in small
 * batches so the main thread redraws at most a few times per frame.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getExperiment } from '../engine/experiments';
import type { ExperimentRun } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';
import { startBackend, type StartedBackend } from './backend';
import type { FromWorker, RunStatus, ToWorker, WorkerInit } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

interface Slot {
  run: ExperimentRun;
  playing: boolean;
  /** single steps asked for while paused */
  stepsQueued: number;
  status: RunStatus;
  outbox: Frame[];
}

const slots = new Map<string, Slot>();
let init: WorkerInit = { wasmPaths: {} };
let backend: Promise<StartedBackend> | undefined;
let pumping = false;
const POST_EVERY_MS = 40;
/**
 * On a two-core device the worker and the page's main thread would share every cycle
 * with the browser's other processes, and the page's redraws would stretch into long
 * tasks. There the worker rests REST_MS after each BUSY_MS of training.
 */
const FEW_CORES = (self.navigator.hardwareConcurrency ?? 4) <= 2;
const BUSY_MS = 24;
const REST_MS = 6;
const rest = () => new Promise<void>((resolve) => setTimeout(resolve, REST_MS));

const post = (msg: FromWorker) => self.postMessage(msg);

function ensureBackend(): Promise<StartedBackend> {
  backend ??= startBackend(init.forced, init.wasmPaths).then((started) => {
    post({ type: 'ready', ...started });
    return started;
  });
  return backend;
}

// A macrotask without setTimeout's 4 ms clamp, so pause/step messages get through between steps.
const channel = new MessageChannel();
const yieldQueue: (() => void)[] = [];
channel.port1.onmessage = () => yieldQueue.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    yieldQueue.push(resolve);
    channel.port2.postMessage(0);
  });

function flush(key: string, slot: Slot) {
  if (slot.outbox.length === 0) return;
  post({ type: 'frames', key, frames: slot.outbox, status: slot.status });
  slot.outbox = [];
}

async function stepOnce(key: string, slot: Slot) {
  const frame = await slot.run.next();
  if (slots.get(key) !== slot) return; // reset while the step ran
  slot.outbox.push(frame);
  if (frame.diverged) {
    slot.status = 'diverged';
    slot.playing = false;
  } else if (slot.run.done) {
    slot.status = 'done';
    slot.playing = false;
  }
}

async function pump() {
  if (pumping) return;
  pumping = true;
  let lastPost = performance.now();
  let busySince = performance.now();
  try {
    for (;;) {
      const active = [...slots].filter(([, s]) => (s.playing || s.stepsQueued > 0) && s.status !== 'diverged' && s.status !== 'done');
      if (active.length === 0) break;
      for (const [key, slot] of active) {
        if (!slot.playing) slot.stepsQueued -= 1;
        try {
          await stepOnce(key, slot);
        } catch (error) {
          slot.playing = false;
          slot.stepsQueued = 0;
          post({ type: 'error', key, message: error instanceof Error ? error.message : String(error) });
        }
        if (!slot.playing && slot.stepsQueued === 0) flush(key, slot);
      }
      if (performance.now() - lastPost >= POST_EVERY_MS) {
        for (const [key, slot] of slots) flush(key, slot);
        lastPost = performance.now();
      }
      if (FEW_CORES && performance.now() - busySince > BUSY_MS) {
        await rest();
        busySince = performance.now();
      } else {
        await yieldToEvents();
      }
    }
  } finally {
    for (const [key, slot] of slots) flush(key, slot);
    pumping = false;
  }
}

function stop(key: string) {
  const slot = slots.get(key);
  if (!slot) return;
  slots.delete(key);
  slot.run.dispose();
}

async function handle(msg: ToWorker) {
  switch (msg.type) {
    case 'init':
      init = msg.init;
      return;
    case 'start': {
      await ensureBackend();
      const experiment = getExperiment(msg.experiment);
      if (!experiment) throw new Error(`unknown experiment ${msg.experiment}`);
      stop(msg.key);
      // Values were validated against the declared parameters on the page.
      const run = experiment.create(msg.values as never, { seed: msg.seed });
      slots.set(msg.key, { run, playing: msg.playing, stepsQueued: msg.playing ? 0 : 1, status: msg.playing ? 'running' : 'paused', outbox: [] });
      void pump();
      return;
    }
    case 'play': {
      const slot = slots.get(msg.key);
      if (slot && slot.status !== 'done' && slot.status !== 'diverged') {
        slot.playing = true;
        slot.status = 'running';
        void pump();
      }
      return;
    }
    case 'pause': {
      const slot = slots.get(msg.key);
      if (slot && slot.status === 'running') {
        slot.playing = false;
        slot.status = 'paused';
        flush(msg.key, slot);
      }
      return;
    }
    case 'step': {
      const slot = slots.get(msg.key);
      if (slot && !slot.playing && slot.status === 'paused') {
        slot.stepsQueued += 1;
        void pump();
      }
      return;
    }
    case 'stop':
      stop(msg.key);
      return;
    case 'memory': {
      const m = tf.memory();
      post({ type: 'memory', id: msg.id, numTensors: m.numTensors, numBytes: m.numBytes });
      return;
    }
  }
}

// Messages are handled in order: a 'play' must not overtake the 'start' still waiting for the backend.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  queue = queue.then(() => handle(msg)).catch((error: unknown) => {
    const key = 'key' in msg ? msg.key : undefined;
    post({ type: 'error', ...(key ? { key } : {}), message: error instanceof Error ? error.message : String(error) });
  });
};
