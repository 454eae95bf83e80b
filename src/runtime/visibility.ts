/**
 * Calls back with whether a widget should be stepping: on screen and the tab visible.
 * Training off-screen wastes the reader's battery and starves visible widgets.
 */
export function watchActive(el: Element, onChange: (active: boolean) => void): () => void {
  let onScreen = false;
  let last: boolean | undefined;
  const update = () => {
    const active = onScreen && document.visibilityState === 'visible';
    if (active !== last) {
      last = active;
      onChange(active);
    }
  };
  const observer = new IntersectionObserver((entries) => {
    onScreen = entries.some((e) => e.isIntersecting);
    update();
  });
  observer.observe(el);
  document.addEventListener('visibilitychange', update);
  return () => {
    observer.disconnect();
    document.removeEventListener('visibilitychange', update);
  };
}

/** Runs `load` once, when the element comes within `margin` of the viewport. */
export function whenNear(el: Element, load: () => void, margin = '600px'): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        load();
      }
    },
    { rootMargin: margin },
  );
  observer.observe(el);
}

export const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
