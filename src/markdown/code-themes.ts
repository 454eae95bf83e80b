/**
 * Code colours, declared once: the chapters' code blocks (astro.config.mjs) and the doctor's
 * <Code> blocks. Both themes as CSS variables; global.css picks one with light-dark().
 */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
