/** Calls `paint` at most every `ms`; the latest value always gets painted, `ms` later at worst. */
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
    /** `now` paints at once (e.g. a table the reader has open). */
    show(value: T, now = false) {
      pending = value;
      const wait = now ? 0 : ms - (performance.now() - last);
      if (wait > 0) {
        timer ??= setTimeout(flush, wait);
        return;
      }
      if (timer !== undefined) clearTimeout(timer);
      flush();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      last = -Infinity;
    },
  };
}
