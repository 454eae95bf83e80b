/**
 * A frame's chart updates, one task each. A view hands each chart's update over under a key
 * (the chart); the widget runs the first in the draw's own task and every other in a task of
 * its own, so the main thread is never held for all the charts of a frame at once and input
 * is handled between them. Every update redraws a chart from all the data so far, so a newer
 * one replaces an older one of the same chart still waiting, in its place.
 */
export interface DrawQueue {
  /** Queues `update` under `key`, replacing the one waiting there; outside a flush it runs in a task of its own. */
  add(key: string, update: () => void): void;
  /**
   * Runs `queue` (which adds this frame's updates), then the first waiting update, together in
   * the caller's task and as one `run`; then the rest, one per task.
   */
  flush(queue?: () => void): void;
  /** Drops every waiting update (the charts they draw are gone). */
  clear(): void;
  readonly size: number;
}

/**
 * `run` wraps each update (e.g. to time it); `nextTask` schedules a function in a task of its
 * own (default: `setTimeout(…, 0)`).
 */
export function createDrawQueue(run: (update: () => void) => void, nextTask: (fn: () => void) => void = (fn) => setTimeout(fn, 0)): DrawQueue {
  const waiting = new Map<string, () => void>();
  let scheduled = false;

  const take = () => {
    const first = waiting.entries().next();
    if (first.done) return undefined;
    waiting.delete(first.value[0]);
    return first.value[1];
  };
  const onTask = () => {
    scheduled = false;
    const update = take();
    if (update) run(update);
    schedule();
  };
  const schedule = () => {
    if (scheduled || waiting.size === 0) return;
    scheduled = true;
    nextTask(onTask);
  };

  return {
    add(key, update) {
      waiting.set(key, update);
      schedule();
    },
    flush(queue) {
      run(() => {
        queue?.();
        take()?.();
      });
      schedule();
    },
    clear() {
      waiting.clear();
    },
    get size() {
      return waiting.size;
    },
  };
}
