#!/usr/bin/env node
// astro build, then Pagefind over the same output folder (OUT_DIR, default dist).
import { run } from './run.mjs';

const outDir = process.env.OUT_DIR ?? 'dist';
await run('astro', ['build']);
await run('pagefind', ['--site', outDir]);
