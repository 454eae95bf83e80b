/**
 * Calls `paint` at most every `ms`, in a task of its own (never inside the caller's), so a
 * chart update stays short however much a deferred paint costs; the latest value always
 * gets painted, `ms` later at worst. `show(value, true)` paints at once (e.g. a table the
 * reader has open).
 */
export function throttled<T>(ms: number, paint: (value: T) => void) {
  let last = -Infinity;
  let pending: T | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending === undefined) return;
    const value = pending;
    pending = undefined;
    last = performance.now();
    paint(value);
  };
  return {
    show(value: T, now = false) {
      pending = value;
      if (now) {
        if (timer !== undefined) clearTimeout(timer);
        flush();
        return;
      }
      timer ??= setTimeout(flush, Math.max(0, ms - (performance.now() - last)));
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      last = -Infinity;
    },
  };
}
