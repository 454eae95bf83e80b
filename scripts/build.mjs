#!/usr/bin/env node
// the widgets' build-time figures (scripts/figures.ts, cached), astro build, then Pagefind over the same output folder (OUT_DIR, default dist), then the zh ↔ en
// parity report next to the site (scripts/parity-report.ts).
import { run } from './run.mjs';

const outDir = process.env.OUT_DIR ?? 'dist';
await run('tsx', ['scripts/figures.ts']);
await run('astro', ['build']);
await run('pagefind', ['--site', outDir]);
await run('node', ['scripts/parity-report.ts', outDir]);
