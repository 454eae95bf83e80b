/// <reference lib="webworker" />
/**
 * The page's one training worker: starts a backend on first need, then steps the
 * sessions of the widgets that are playing, round-robin (one step of every run of a
 * session per turn), posting their frames in small batches so the main thread
 * redraws at most a few times per frame. Every message about a session carries its
 * number, so the page can drop what a restarted session left in flight.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getExperiment } from '../engine/experiments';
import type { ExperimentSession, RunState } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';
import { reproduction } from '../engine/reproduce/reproduction';
import { startBackend, type StartedBackend } from './backend';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

interface Slot {
  /** The page's number for this session. */
  id: number;
  session: ExperimentSession;
  playing: boolean;
  /** single steps asked for while paused */
  stepsQueued: number;
  outbox: Frame[];
  /** The step being trained now, if any: a pause waits for it, so its frames precede any later reply. */
  stepping: Promise<void> | null;
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

function states(session: ExperimentSession): Record<string, RunState> {
  return Object.fromEntries(session.runs.map((r) => [r.name, session.state(r.name)]));
}

function flush(key: string, slot: Slot) {
  if (slot.outbox.length === 0) return;
  post({ type: 'frames', key, session: slot.id, frames: slot.outbox, states: states(slot.session) });
  slot.outbox = [];
}

async function stepOnce(key: string, slot: Slot) {
  const frames = await slot.session.next();
  if (slots.get(key) !== slot) return; // reset while the step ran
  slot.outbox.push(...frames);
  if (slot.session.done) {
    slot.playing = false;
    slot.stepsQueued = 0;
  }
}

const wants = (slot: Slot) => (slot.playing || slot.stepsQueued > 0) && !slot.session.done;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function pump() {
  if (pumping) return;
  pumping = true;
  let lastPost = performance.now();
  let busySince = performance.now();
  try {
    for (;;) {
      const active = [...slots].filter(([, s]) => wants(s));
      if (active.length === 0) break;
      for (const [key, slot] of active) {
        if (!slot.playing) slot.stepsQueued -= 1;
        try {
          slot.stepping = stepOnce(key, slot);
          await slot.stepping;
        } catch (error) {
          slot.playing = false;
          slot.stepsQueued = 0;
          post({ type: 'error', key, session: slot.id, message: message(error) });
        } finally {
          slot.stepping = null;
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
  slot.session.dispose();
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
      // The experiment checks the values against its declared parameters again (sanitizeValues).
      const session = experiment.create(msg.values as never, { seed: msg.seed });
      post({ type: 'session', key: msg.key, session: msg.session, runs: [...session.runs] });
      // A paused start still shows its first step.
      slots.set(msg.key, { id: msg.session, session, playing: msg.playing, stepsQueued: msg.playing ? 0 : 1, outbox: [], stepping: null });
      void pump();
      return;
    }
    case 'play': {
      const slot = slots.get(msg.key);
      if (slot && !slot.session.done) {
        slot.playing = true;
        void pump();
      }
      return;
    }
    case 'pause': {
      const slot = slots.get(msg.key);
      if (slot?.playing) {
        slot.playing = false;
        // Messages are handled in order: what the page asks next is answered after this step's frames.
        await slot.stepping?.catch(() => undefined);
        flush(msg.key, slot);
      }
      return;
    }
    case 'step': {
      const slot = slots.get(msg.key);
      if (slot && !slot.playing && !slot.session.done) {
        slot.stepsQueued += 1;
        void pump();
      }
      return;
    }
    case 'stop':
      stop(msg.key);
      return;
    case 'reproduce': {
      // Every failure is this request's, answered to its waiter (not an error of the page's widgets).
      try {
        await ensureBackend();
        const experiment = getExperiment(msg.experiment);
        if (!experiment) throw new Error(`unknown experiment ${msg.experiment}`);
        post({ type: 'reproduction', id: msg.id, reproduction: reproduction(experiment, msg.values, { seed: msg.seed, engine: msg.engine }) });
      } catch (error) {
        post({ type: 'reproduction', id: msg.id, error: message(error) });
      }
      return;
    }
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
    // A 'start' names its session; other messages act on whatever session the key holds.
    const session = msg.type === 'start' ? msg.session : key !== undefined ? slots.get(key)?.id : undefined;
    post({ type: 'error', ...(key !== undefined ? { key } : {}), ...(session !== undefined ? { session } : {}), message: message(error) });
  });
};
