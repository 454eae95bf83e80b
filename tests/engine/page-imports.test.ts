/** The main-thread surfaces (src/engine/page.ts, src/widgets/registry.ts) must not pull tfjs into the page: walk their static imports. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const engine = fileURLToPath(new URL('../../src/engine/', import.meta.url));

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(file, 'utf8');
    // Static imports and re-exports, type-only ones excluded (erased at build).
    for (const m of src.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = [`${base}.ts`, `${base}/index.ts`].find(existsSync);
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

test('page.ts imports no package at all (so no tfjs)', () => {
  const { files, packages } = graph(`${engine}page.ts`);
  expect(files.size).toBeGreaterThan(3);
  expect([...packages]).toEqual([]);
});

test('the widget registry, which the page loads as a widget nears, imports no package: no tfjs, no d3 before the view', () => {
  const { files, packages } = graph(fileURLToPath(new URL('../../src/widgets/registry.ts', import.meta.url)));
  // every widget module and its experiment's declaration, but not their views (loaded with import())
  expect([...files].filter((f) => f.endsWith('.spec.ts')).length).toBeGreaterThanOrEqual(3);
  expect([...files].some((f) => f.endsWith('view.ts'))).toBe(false);
  expect([...packages]).toEqual([]);
});

test('the walker does see tfjs behind index.ts', () => {
  expect([...graph(`${engine}index.ts`).packages]).toContain('@tensorflow/tfjs-core');
});
