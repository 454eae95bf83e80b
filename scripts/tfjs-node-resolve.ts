/**
 * Import this first in a Node script that loads the engine. The engine registers
 * tfjs-core's op gradients from `dist/gradients/*`, ES modules written for bundlers
 * (imports without file extensions); Node cannot resolve those on its own, so this
 * hook adds the `.js`. Import the engine dynamically after it: static imports
 * resolve before any module body runs.
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const inCore = specifier.startsWith('@tensorflow/tfjs-core/dist/') || (specifier.startsWith('.') && context.parentURL?.includes('/@tensorflow/tfjs-core/dist/'));
    if (inCore && !/\.[cm]?js$/.test(specifier)) {
      const resolvedUrl = specifier.startsWith('.') ? new URL(`${specifier}.js`, context.parentURL).href : null;
      if (resolvedUrl && existsSync(fileURLToPath(resolvedUrl))) return nextResolve(resolvedUrl, context);
      if (!resolvedUrl) return nextResolve(`${specifier}.js`, context);
    }
    return nextResolve(specifier, context);
  },
});
