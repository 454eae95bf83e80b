/** Every transition of a widget's state machine, as the page would drive it. */
import { describe, expect, test } from 'vitest';
import type { RunShape } from '../../src/engine/experiments/types';
import type { Frame } from '../../src/engine/frame';
import { controls, DRAW_INTERVAL_MS, init, transition, type WidgetEffect, type WidgetEvent, type WidgetState } from '../../src/runtime/widget-machine';

const shape = (name: string): RunShape => ({
  name, label: { en: `Run ${name}`, zh: `${name} 组` }, layers: [{ name: 'dense1', kind: 'dense', units: 4, activation: 'relu' }, { name: 'output', kind: 'output', units: 1, activation: 'linear' }],
  series: ['gradNormW'], paramCount: 17, dataset: 'spirals', loss: 'mse', steps: 10, seed: 1,
});
const frame = (run: string, step: number, extra: Partial<Frame> = {}): Frame => ({
  experiment: 'w', run, step, loss: 1, globalNorm: 1, layers: [], ...extra,
});

function boot(autoplay = true) {
  return init({ key: 'widget-w', widget: 'w', values: { depth: 3 }, seed: 1, notices: [], autoplay });
}

/** Applies events in order; returns the last state and every effect. */
function run(start: { state: WidgetState; effects: WidgetEffect[] }, events: WidgetEvent[]) {
  let state = start.state;
  const effects = [...start.effects];
  for (const e of events) {
    const r = transition(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
const sent = (effects: WidgetEffect[]) => effects.flatMap((e) => (e.type === 'send' ? [e.msg] : []));
const ready: WidgetEvent = { type: 'backend-ready', backend: 'wasm' };
const session = (n: number, names = ['a', 'b']): WidgetEvent => ({ type: 'session', session: n, runs: names.map(shape) });
const frames = (n: number, fs: Frame[], states: Record<string, 'training' | 'done' | 'diverged'>, now = 0): WidgetEvent => ({ type: 'frames', session: n, frames: fs, states, now });

describe('starting', () => {
  test('loads, asks for session 1 playing only once on screen and the backend is ready', () => {
    const b = boot();
    expect(b.state.status).toBe('loading');
    expect(sent(b.effects)).toEqual([{ type: 'start', key: 'widget-w', session: 1, experiment: 'w', values: { depth: 3 }, seed: 1, playing: false }]);
    const r = run(b, [ready]);
    expect(r.state.status).toBe('paused'); // not on screen yet
    const r2 = run(r, [{ type: 'active', active: true }]);
    expect(r2.state.status).toBe('running');
    expect(sent(r2.effects).at(-1)).toEqual({ type: 'play', key: 'widget-w' });
  });

  test('reduced motion: stays paused on screen until Play', () => {
    const r = run(boot(false), [ready, { type: 'active', active: true }]);
    expect(r.state.status).toBe('paused');
    expect(sent(r.effects).map((m) => m.type)).toEqual(['start']);
    const played = run(r, [{ type: 'play-toggled' }]);
    expect(played.state.status).toBe('running');
    expect(sent(played.effects).at(-1)?.type).toBe('play');
  });

  test('Play pressed on a widget half off-screen plays it', () => {
    const r = run(boot(false), [ready, { type: 'play-toggled' }]);
    expect(r.state.status).toBe('running');
    expect(r.state.active).toBe(true);
  });

  test('buttons follow the status', () => {
    expect(controls('loading')).toEqual({ playing: false, playDisabled: true, stepDisabled: true });
    expect(controls('paused')).toEqual({ playing: false, playDisabled: false, stepDisabled: false });
    expect(controls('running')).toEqual({ playing: true, playDisabled: false, stepDisabled: true });
    for (const s of ['done', 'diverged', 'error'] as const) expect(controls(s).playDisabled).toBe(true);
  });
});

describe('pausing', () => {
  const playing = () => run(boot(), [ready, { type: 'active', active: true }, session(1)]);

  test('hidden tab or off screen pauses; back on screen resumes', () => {
    const hidden = run(playing(), [{ type: 'active', active: false }]);
    expect(hidden.state.status).toBe('paused');
    expect(sent(hidden.effects).at(-1)).toEqual({ type: 'pause', key: 'widget-w' });
    expect(hidden.state.runs.map((r) => r.status)).toEqual(['paused', 'paused']);
    const back = run(hidden, [{ type: 'active', active: true }]);
    expect(back.state.status).toBe('running');
    expect(back.state.runs.map((r) => r.status)).toEqual(['running', 'running']);
  });

  test('Pause is remembered across visibility changes', () => {
    const r = run(playing(), [{ type: 'play-toggled' }, { type: 'active', active: false }, { type: 'active', active: true }]);
    expect(r.state.status).toBe('paused');
  });

  test('Step only while paused', () => {
    expect(sent(run(playing(), [{ type: 'step-clicked' }]).effects).some((m) => m.type === 'step')).toBe(false);
    const paused = run(playing(), [{ type: 'play-toggled' }, { type: 'step-clicked' }]);
    expect(sent(paused.effects).at(-1)).toEqual({ type: 'step', key: 'widget-w' });
  });
});

describe('sessions and runs', () => {
  const playing = () => run(boot(), [ready, { type: 'active', active: true }, session(1)]);

  test('the session message gives each run its element state and resets the view', () => {
    const r = playing();
    expect(r.state.runs).toEqual([{ name: 'a', status: 'running', step: -1 }, { name: 'b', status: 'running', step: -1 }]);
    expect(r.effects.filter((e) => e.type === 'reset-view')).toHaveLength(1);
  });

  test('frames update each run; one run diverging leaves the other training', () => {
    const d = { step: 1, quantity: 'gradient', layer: 2, layerName: 'dense3', value: 'inf' } as const;
    const r = run(playing(), [frames(1, [frame('a', 0), frame('b', 0)], { a: 'training', b: 'training' }), frames(1, [frame('a', 1, { diverged: d }), frame('b', 1)], { a: 'diverged', b: 'training' })]);
    expect(r.state.status).toBe('running');
    expect(r.state.runs).toEqual([{ name: 'a', status: 'diverged', step: 1 }, { name: 'b', status: 'running', step: 1 }]);
    expect(r.state.notices).toEqual([{ kind: 'diverged', run: 'a', divergence: d }]);
    // pausing leaves the diverged run diverged
    expect(run(r, [{ type: 'active', active: false }]).state.runs.map((x) => x.status)).toEqual(['diverged', 'paused']);
    const end = run(r, [frames(1, [frame('b', 2)], { a: 'diverged', b: 'done' })]);
    expect(end.state.status).toBe('done');
    expect(controls(end.state.status).playDisabled).toBe(true);
  });

  test('the session is diverged only when every run diverged', () => {
    const d = { step: 0, quantity: 'loss', layer: null, layerName: null, value: 'nan' } as const;
    const r = run(boot(), [ready, { type: 'active', active: true }, session(1, ['a']), frames(1, [frame('a', 0, { diverged: d })], { a: 'diverged' })]);
    expect(r.state.status).toBe('diverged');
  });

  test('frames and errors of an older session are dropped', () => {
    const r = run(playing(), [{ type: 'reset-clicked' }, frames(1, [frame('a', 5)], { a: 'done', b: 'done' }), { type: 'error', session: 1, message: 'old' }]);
    expect(r.state.session).toBe(2);
    expect(r.state.status).toBe('running');
    expect(r.state.notices).toEqual([]);
    expect(r.effects.filter((e) => e.type === 'append-frames')).toHaveLength(0);
  });

  test('reset clears the session’s notices and runs, keeps the URL notices, restarts playing', () => {
    const urlNotice = { kind: 'param', notice: { param: 'depth', raw: '99', kind: 'clamped', value: 20 } } as const;
    const start = init({ key: 'k', widget: 'w', values: {}, seed: 1, notices: [urlNotice], autoplay: true });
    const r = run(start, [ready, { type: 'active', active: true }, session(1), { type: 'error', session: 1, message: 'boom' }]);
    expect(r.state.status).toBe('error');
    const again = run(r, [{ type: 'reset-clicked' }]);
    expect(again.state.status).toBe('running');
    expect(again.state.notices).toEqual([urlNotice]);
    expect(again.state.runs).toEqual([]);
    expect(again.effects.slice(-2)).toEqual([{ type: 'clear-frames' }, { type: 'send', msg: expect.objectContaining({ type: 'start', session: 2, playing: true }) }]);
  });

  test('reset while loading stays loading and starts a newer session', () => {
    const r = run(boot(), [{ type: 'reset-clicked' }]);
    expect(r.state.status).toBe('loading');
    expect(sent(r.effects).map((m) => m.type === 'start' && m.session)).toEqual([1, 2]);
    expect(run(r, [session(1)]).state.runs).toEqual([]); // the first session's shapes are stale
    expect(run(r, [ready]).state.status).toBe('paused');
  });

  test('a changed parameter writes the URL and starts a session with the new values', () => {
    const r = run(playing(), [{ type: 'param-changed', param: 'depth', value: 7 }]);
    expect(r.effects).toContainEqual({ type: 'write-url', values: { depth: 7 }, seed: 1 });
    expect(sent(r.effects).at(-1)).toEqual(expect.objectContaining({ type: 'start', session: 2, values: { depth: 7 }, playing: true }));
  });

  test('a backend that fell back leaves a notice', () => {
    const r = run(boot(), [{ type: 'backend-ready', backend: 'wasm', notice: { requested: 'webgpu', reason: 'no-adapter' } }]);
    expect(r.state.notices).toEqual([{ kind: 'backend', notice: { requested: 'webgpu', reason: 'no-adapter' }, backend: 'wasm' }]);
  });
});

describe('drawing', () => {
  const playing = () => run(boot(), [ready, { type: 'active', active: true }, session(1)]);
  const schedules = (effects: WidgetEffect[]) => effects.flatMap((e) => (e.type === 'schedule-draw' ? [e.delay] : []));

  test('frames schedule one draw; more frames before it do not schedule another', () => {
    const r = run(playing(), [frames(1, [frame('a', 0)], { a: 'training', b: 'training' }, 1000), frames(1, [frame('a', 1)], { a: 'training', b: 'training' }, 1001)]);
    expect(schedules(r.effects)).toEqual([0]); // nothing drawn yet: at once
    const drawn = run(r, [{ type: 'draw-due' }]);
    expect(drawn.effects.at(-1)).toEqual({ type: 'draw' });
  });

  test('while running, draws come at most every DRAW_INTERVAL_MS', () => {
    const r = run(playing(), [{ type: 'drawn', now: 1000, more: false }, frames(1, [frame('a', 0)], { a: 'training', b: 'training' }, 1030)]);
    expect(schedules(r.effects)).toEqual([DRAW_INTERVAL_MS - 30]);
  });

  test('a draw that asks for more schedules another; a draw-due with nothing new draws nothing', () => {
    const r = run(playing(), [{ type: 'drawn', now: 5, more: true }]);
    expect(schedules(r.effects)).toHaveLength(1);
    const idle = run(playing(), [{ type: 'draw-due' }]);
    expect(idle.effects.some((e) => e.type === 'draw')).toBe(false);
  });
});
