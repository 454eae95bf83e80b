/**
 * A widget's life as a pure state machine: what it shows (status, per-run
 * status and step, notices), what the reader wants (playing or not), what the
 * page allows (on screen, tab visible, backend ready), and when to draw.
 * `transition(state, event)` returns the next state and the effects the DOM
 * bindings (widget-dom.ts) carry out: messages to the worker, URL writes, view
 * resets and draws. No DOM, no timers, no worker here: every transition is
 * unit-tested (tests/runtime/widget-machine.test.ts).
 */
import type { RunShape, RunState } from '../engine/experiments/types';
import type { Divergence, Frame } from '../engine/frame';
import type { ParamNotice } from '../engine/params';
import type { BackendName, BackendNotice, RunValues, ToWorker } from './protocol';

export type WidgetStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'diverged' | 'error';
/** A run's status as the page shows it: a training run is running or paused with its session. */
export type RunStatus = 'loading' | 'running' | 'paused' | 'done' | 'diverged';

export interface RunView {
  readonly name: string;
  readonly status: RunStatus;
  /** Last step received (-1 before the first frame). */
  readonly step: number;
}

/** Structured notices, worded in the reader's language by the bindings. */
export type Notice =
  | { readonly kind: 'param'; readonly notice: ParamNotice }
  | { readonly kind: 'page-param'; readonly key: string; readonly raw: string }
  | { readonly kind: 'backend-junk'; readonly raw: string }
  | { readonly kind: 'backend'; readonly notice: BackendNotice; readonly backend: BackendName }
  | { readonly kind: 'diverged'; readonly run: string; readonly divergence: Divergence }
  | { readonly kind: 'error'; readonly message: string };

/** Notices that belong to one session and go when a new one starts. */
const SESSION_NOTICES: ReadonlySet<Notice['kind']> = new Set(['diverged', 'error']);

export interface WidgetState {
  readonly key: string;
  readonly widget: string;
  readonly status: WidgetStatus;
  /** Number of the current session; frames of older ones are stale. */
  readonly session: number;
  readonly values: RunValues;
  readonly seed: number;
  /** The reader's intent: Play pressed (or autoplay without reduced motion). */
  readonly wantPlaying: boolean;
  /** On screen and the tab visible. */
  readonly active: boolean;
  readonly backend: BackendName | null;
  /** The current session's runs; empty until the worker has sent their shapes. */
  readonly shapes: readonly RunShape[];
  readonly runs: readonly RunView[];
  readonly notices: readonly Notice[];
  /** Frames received since the last draw. */
  readonly dirty: boolean;
  readonly drawScheduled: boolean;
  readonly lastDrawAt: number;
}

export type WidgetEvent =
  | { type: 'backend-ready'; backend: BackendName; notice?: BackendNotice }
  | { type: 'active'; active: boolean }
  | { type: 'play-toggled' }
  | { type: 'step-clicked' }
  | { type: 'reset-clicked' }
  | { type: 'param-changed'; param: string; value: number | string | boolean }
  | { type: 'session'; session: number; runs: RunShape[] }
  | { type: 'frames'; session: number; frames: Frame[]; states: Record<string, RunState>; now: number }
  | { type: 'error'; session?: number; message: string }
  /** The scheduled draw's animation frame has come. */
  | { type: 'draw-due' }
  /** The view drew; `more`: it asked for another frame (charts still being built). */
  | { type: 'drawn'; now: number; more: boolean };

export type WidgetEffect =
  | { type: 'send'; msg: ToWorker }
  | { type: 'write-url'; values: RunValues; seed: number }
  /** A new session was asked for: forget the old frames. */
  | { type: 'clear-frames' }
  /** The session's runs are known: the view rebuilds its charts for them. */
  | { type: 'reset-view'; runs: readonly RunShape[] }
  | { type: 'append-frames'; frames: Frame[] }
  /** Ask for a 'draw-due' event after `delay` ms, once the next frame is rendered. */
  | { type: 'schedule-draw'; delay: number }
  | { type: 'draw' };

/** While training, ~10 redraws a second tell the story; more would only load the main thread. */
export const DRAW_INTERVAL_MS = 100;

export interface InitOptions {
  key: string;
  widget: string;
  values: RunValues;
  seed: number;
  /** Notices from reading the URL (parameters, page-level keys, backend). */
  notices: readonly Notice[];
  /** Readers who prefer reduced motion press Play themselves. */
  autoplay: boolean;
}

type Result = { state: WidgetState; effects: WidgetEffect[] };

/** The first state and the first session's start. */
export function init(o: InitOptions): Result {
  const state: WidgetState = {
    key: o.key,
    widget: o.widget,
    status: 'loading',
    session: 0,
    values: o.values,
    seed: o.seed,
    wantPlaying: o.autoplay,
    active: false,
    backend: null,
    shapes: [],
    runs: [],
    notices: o.notices,
    dirty: false,
    drawScheduled: false,
    lastDrawAt: -Infinity,
  };
  return start(state);
}

const isTraining = (s: WidgetStatus) => s === 'running' || s === 'paused';

/** Asks the worker for a new session with the current values; old frames and session notices go. */
function start(prev: WidgetState): Result {
  const session = prev.session + 1;
  const playing = prev.backend !== null && prev.wantPlaying && prev.active;
  const status: WidgetStatus = prev.backend === null ? 'loading' : playing ? 'running' : 'paused';
  const state: WidgetState = {
    ...prev,
    session,
    status,
    shapes: [],
    runs: [],
    notices: prev.notices.filter((n) => !SESSION_NOTICES.has(n.kind)),
    dirty: false,
  };
  const msg: ToWorker = { type: 'start', key: prev.key, session, experiment: prev.widget, values: prev.values, seed: prev.seed, playing };
  return { state, effects: [{ type: 'clear-frames' }, { type: 'send', msg }] };
}

/** Plays exactly when the reader wants it, the widget is on screen and the tab visible. */
function reconcile(state: WidgetState): Result {
  if (!isTraining(state.status)) return { state, effects: [] };
  const shouldRun = state.wantPlaying && state.active;
  if (shouldRun && state.status === 'paused') return withRunStatus({ ...state, status: 'running' }, [{ type: 'send', msg: { type: 'play', key: state.key } }]);
  if (!shouldRun && state.status === 'running') return withRunStatus({ ...state, status: 'paused' }, [{ type: 'send', msg: { type: 'pause', key: state.key } }]);
  return { state, effects: [] };
}

/** The status of a run still training: the session's. */
const trainingRunStatus = (s: WidgetStatus): RunStatus => (s === 'running' || s === 'paused' ? s : 'loading');

/** Runs still training follow the session's status. */
function withRunStatus(state: WidgetState, effects: WidgetEffect[]): Result {
  const follow = trainingRunStatus(state.status);
  const runs = state.runs.map((r) => (r.status === 'done' || r.status === 'diverged' ? r : { ...r, status: follow }));
  return { state: { ...state, runs }, effects };
}

function scheduleDraw(state: WidgetState, now: number): Result {
  if (state.drawScheduled) return { state: { ...state, dirty: true }, effects: [] };
  const delay = state.status === 'running' ? Math.max(0, DRAW_INTERVAL_MS - (now - state.lastDrawAt)) : 0;
  return { state: { ...state, dirty: true, drawScheduled: true }, effects: [{ type: 'schedule-draw', delay }] };
}

function onFrames(state: WidgetState, e: Extract<WidgetEvent, { type: 'frames' }>): Result {
  if (e.session !== state.session || state.status === 'error') return { state, effects: [] };
  const steps = new Map<string, number>();
  const diverged: Notice[] = [];
  for (const f of e.frames) {
    steps.set(f.run, f.step);
    if (f.diverged) diverged.push({ kind: 'diverged', run: f.run, divergence: f.diverged });
  }
  const runs = state.runs.map((r): RunView => {
    const runState = e.states[r.name];
    const status: RunStatus = runState === 'done' || runState === 'diverged' ? runState : r.status;
    return { ...r, status, step: steps.get(r.name) ?? r.step };
  });
  const finished = runs.length > 0 && runs.every((r) => r.status === 'done' || r.status === 'diverged');
  // The session's status: running while any run trains; diverged only when every run did.
  const status: WidgetStatus = finished ? (runs.every((r) => r.status === 'diverged') ? 'diverged' : 'done') : state.status;
  const next: WidgetState = { ...state, runs, status, notices: [...state.notices, ...diverged] };
  const drawn = scheduleDraw(next, e.now);
  return { state: drawn.state, effects: [{ type: 'append-frames', frames: e.frames }, ...drawn.effects] };
}

export function transition(state: WidgetState, e: WidgetEvent): Result {
  switch (e.type) {
    case 'backend-ready': {
      const notices = e.notice ? [...state.notices, { kind: 'backend', notice: e.notice, backend: e.backend } as const] : state.notices;
      const next: WidgetState = { ...state, backend: e.backend, notices, status: state.status === 'loading' ? 'paused' : state.status };
      const paused = withRunStatus(next, []);
      return reconcile(paused.state);
    }
    case 'active':
      return reconcile({ ...state, active: e.active });
    case 'play-toggled': {
      if (!isTraining(state.status)) return { state, effects: [] };
      const wantPlaying = state.status !== 'running';
      // A reader who presses Play on a widget half off-screen means it: treat it as visible.
      return reconcile({ ...state, wantPlaying, active: wantPlaying || state.active });
    }
    case 'step-clicked':
      return state.status === 'paused' ? { state, effects: [{ type: 'send', msg: { type: 'step', key: state.key } }] } : { state, effects: [] };
    case 'reset-clicked':
      return start(state);
    case 'param-changed': {
      const values = { ...state.values, [e.param]: e.value };
      const started = start({ ...state, values });
      return { state: started.state, effects: [{ type: 'write-url', values, seed: state.seed }, ...started.effects] };
    }
    case 'session': {
      if (e.session !== state.session) return { state, effects: [] };
      const runs = e.runs.map((r): RunView => ({ name: r.name, status: trainingRunStatus(state.status), step: -1 }));
      return { state: { ...state, shapes: e.runs, runs }, effects: [{ type: 'reset-view', runs: e.runs }] };
    }
    case 'frames':
      return onFrames(state, e);
    case 'error':
      if (e.session !== undefined && e.session !== state.session) return { state, effects: [] };
      return { state: { ...state, status: 'error', notices: [...state.notices, { kind: 'error', message: e.message }] }, effects: [] };
    case 'draw-due':
      return { state: { ...state, drawScheduled: false, dirty: false }, effects: state.dirty ? [{ type: 'draw' }] : [] };
    case 'drawn': {
      const next = { ...state, lastDrawAt: e.now };
      return e.more ? scheduleDraw({ ...next, drawScheduled: false }, e.now) : { state: next, effects: [] };
    }
  }
}

/** What the buttons allow in a status. */
export function controls(status: WidgetStatus): { playing: boolean; playDisabled: boolean; stepDisabled: boolean } {
  const playing = status === 'running';
  const finished = status === 'done' || status === 'diverged' || status === 'error';
  return { playing, playDisabled: finished || status === 'loading' || status === 'idle', stepDisabled: playing || finished || status === 'loading' || status === 'idle' };
}
