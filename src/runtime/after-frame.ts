/**
 * Runs `task` in a task of its own once the next frame is rendered. Work done inside an
 * animation frame shares its task with the browser's restyle, layout and paint; on a slow
 * machine the two together make a long task where either alone would not.
 */
export function afterFrame(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}
