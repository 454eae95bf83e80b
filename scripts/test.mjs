#!/usr/bin/env node
// The whole suite, as CI runs it: build the site twice (domain root and a sub-path), type-check,
// the unit tests, then Playwright against both builds served on 127.0.0.1.
import { run } from './run.mjs';

const SUBPATH = '/gradient-clinic/';
try {
  await run('node', ['scripts/build.mjs']);
  await run('node', ['scripts/build.mjs'], { BASE_PATH: SUBPATH, OUT_DIR: 'dist-subpath' });
  // after the build, which generates the types of astro:content
  await run('tsc', ['--noEmit', '-p', '.']);
  await run('vitest', ['run']);
  await run('playwright', ['test', ...process.argv.slice(2)]);
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
