/**
 * The synthetic draw bench: builds each widget's charts as the widget views do, with two
 * runs, and feeds them growing synthetic data ten times a second, as training would.
 * Each chart update runs in a task of its own, through the widgets' own draw queue
 * (src/runtime/draw-queue.ts), and is timed; main-thread long tasks are recorded. `?scenario=<id>&width=<px>&steps=<per tick>&pair=1` (pair: charts
 * two to a row, as a wide layout may place one heatmap per run); the result lands in
 * `window.__drawBench` (bench/lib/draw.mjs reads it).
 */
import * as charts from '../../src/charts/index.ts';
import type { StepPoint, TableLabels } from '../../src/charts/index.ts';
import { createDrawQueue } from '../../src/runtime/draw-queue.ts';
import { SCENARIOS, type ScenarioId } from './scenarios.ts';

export interface DrawBenchResult {
  scenario: string;
  width: number;
  ticks: number;
  /** ms per update, by chart id; `task` pools them all (each update is one task) */
  samples: Record<string, number[]>;
  longTasks: { start: number; duration: number }[];
  error?: string;
}

declare global {
  interface Window {
    __drawBench?: DrawBenchResult;
  }
}

const q = new URLSearchParams(location.search);
const id = (q.get('scenario') ?? 'gradient-flow') as ScenarioId;
const width = Number(q.get('width') ?? 720);
const stepsPerTick = Number(q.get('steps') ?? 4);

const host = document.createElement('div');
host.style.width = `${width}px`;
if (q.get('pair')) Object.assign(host.style, { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: '24px' });
document.body.append(host);
const slot = () => {
  const el = host.appendChild(document.createElement('div'));
  el.style.minWidth = '0';
  return el;
};

const table: TableLabels = { show: 'Show data', caption: '{total} rows', captionBounded: 'every {stride}th of {total} rows' };
const longTasks: DrawBenchResult['longTasks'] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
}).observe({ type: 'longtask', buffered: false });

const samples: Record<string, number[]> = {};
/** Times `f`; an update that returns false did nothing this tick and is not counted. */
function timed(name: string, f: () => boolean | void) {
  const t = performance.now();
  if (f() === false) return;
  const ms = performance.now() - t;
  (samples[name] ??= []).push(ms);
  (samples['task'] ??= []).push(ms);
}
const queue = createDrawQueue((update) => update());

try {
  const scenario = SCENARIOS[id];
  if (!scenario) throw new Error(`unknown scenario ${id}`);
  const updaters = scenario.build({ charts, slot, table, nextTask: (chart) => (batch) => queue.add(`${chart}:batch`, () => timed(chart, batch)) });
  // building the charts is the view's setup (spread over animation frames there): not counted
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  const history: StepPoint[][] = [[], []];
  let tick = 0;
  const total = Math.ceil(scenario.steps / stepsPerTick);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (let k = 0; k < stepsPerTick && history[0]!.length < scenario.steps; k++) {
        const step = history[0]!.length;
        history[0]!.push({ x: step, values: scenario.sample(0, step) });
        history[1]!.push({ x: step, values: scenario.sample(1, step) });
      }
      const now = tick;
      queue.flush(() => {
        for (const [name, update] of Object.entries(updaters)) queue.add(name, () => timed(name, () => update(history, now)));
      });
      tick += 1;
      if (tick >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
  // let throttled table paints land inside the measured window
  await new Promise((r) => setTimeout(r, 400));
  window.__drawBench = { scenario: id, width, ticks: tick, samples, longTasks: longTasks.filter((t) => t.start >= t0) };
} catch (e) {
  window.__drawBench = { scenario: id, width, ticks: 0, samples, longTasks, error: String((e as Error)?.stack ?? e) };
}
