import { describe, expect, it } from 'vitest';
import { createDrawQueue } from '../../src/runtime/draw-queue';

/** A queue whose tasks wait in `tasks` until the test runs them, one by one. */
function harness() {
  const tasks: (() => void)[] = [];
  const log: string[] = [];
  let runs = 0;
  const q = createDrawQueue(
    (update) => {
      runs++;
      update();
    },
    (fn) => tasks.push(fn),
  );
  const nextTask = () => tasks.shift()?.();
  return { q, tasks, log, nextTask, runs: () => runs };
}

describe('draw queue', () => {
  it('runs the first update in the caller\u2019s task and each other one in a task of its own, in order', () => {
    const h = harness();
    h.q.flush(() => {
      h.log.push('view');
      for (const k of ['bars', 'heatmaps', 'loss']) h.q.add(k, () => h.log.push(k));
    });
    // the view's own work and the first chart: one run, in the caller's task
    expect(h.log).toEqual(['view', 'bars']);
    expect(h.runs()).toBe(1);
    expect(h.tasks).toHaveLength(1);
    h.nextTask();
    expect(h.log).toEqual(['view', 'bars', 'heatmaps']);
    h.nextTask();
    expect(h.log).toEqual(['view', 'bars', 'heatmaps', 'loss']);
    expect(h.tasks).toHaveLength(0);
    expect(h.runs()).toBe(3);
  });

  it('a newer update of a chart replaces the waiting one, in its place', () => {
    const h = harness();
    h.q.add('bars', () => h.log.push('bars@1'));
    h.q.add('loss', () => h.log.push('loss@1'));
    h.q.flush();
    // frame 2 arrives before loss@1 ran
    h.q.add('bars', () => h.log.push('bars@2'));
    h.q.add('loss', () => h.log.push('loss@2'));
    h.q.flush();
    while (h.tasks.length) h.nextTask();
    expect(h.log).toEqual(['bars@1', 'loss@2', 'bars@2']);
  });

  it('clear drops what waits: a reset leaves no update of destroyed charts', () => {
    const h = harness();
    for (const k of ['a', 'b', 'c']) h.q.add(k, () => h.log.push(k));
    h.q.flush();
    h.q.clear();
    while (h.tasks.length) h.nextTask();
    expect(h.log).toEqual(['a']);
    expect(h.q.size).toBe(0);
  });

  it('schedules one task at a time however many flushes come', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.q.add(`c${i}`, () => h.log.push(`c${i}`));
      h.q.add(`d${i}`, () => h.log.push(`d${i}`));
      h.q.flush();
    }
    expect(h.tasks).toHaveLength(1);
    while (h.tasks.length) h.nextTask();
    expect(h.log).toHaveLength(10);
  });

  it('an update queued outside a draw (a throttled repaint) runs in a task of its own', () => {
    const h = harness();
    h.q.add('histograms', () => h.log.push('histograms'));
    expect(h.log).toEqual([]);
    h.nextTask();
    expect(h.log).toEqual(['histograms']);
    expect(h.runs()).toBe(1);
  });
});
