// Small helpers for scripts/bench.mjs: ports, the static server, statistics, gzip, the browser.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { baseArgs, executablePath, softwareGpuArgs } from '../../scripts/chromium.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `node scripts/serve.mjs --dir <dir> --port <free port>`; resolves once it listens.
 * Returns { url, stop }.
 */
/** Serves `dir` with scripts/serve.mjs; `isolate`: cross-origin isolated (COOP/COEP headers). */
export async function serve(dir, { isolate = false } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.mjs', '--dir', dir, '--base', '/', '--port', String(port), ...(isolate ? ['--isolate'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server for ${dir} did not start: ${stderr}`)), 15_000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('Serving')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server for ${dir} exited (${code}): ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a command from the repository root, inheriting stdio; rejects on a non-zero exit. */
/** Project binaries with the pinned Node first on PATH, as npm scripts get them. */
export { run } from '../../scripts/run.mjs';

export function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);

export const gzipBytes = (buf) => gzipSync(buf, { level: 9 }).length;

/**
 * Chromium as the tests launch it: with the software-GPU flags (`softwareGpu`), which the
 * WebGPU backend needs; without them, the page is composited by Chromium's software compositor,
 * as on a reader's machine without a usable GPU. With them, this GPU-less machine composites
 * every frame through SwiftShader in a GPU process that runs at raised priority (nice −8):
 * measured during the widget part, 15.8 s of CPU against 1.2 s without, on 2 cores, taken from
 * the page being timed.
 */
export async function launchBrowser({ softwareGpu = true } = {}) {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: [...baseArgs, ...(softwareGpu ? softwareGpuArgs : [])] });
}

/** Resolves when `promise` does, or rejects after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

export const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Records the page's main-thread long tasks (> 50 ms) in `window.__benchLongTasks`, from its first script on. */
export function recordLongTasks(page) {
  return page.addInitScript(() => {
    const store = (window.__benchLongTasks = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) store.push({ start: e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: 'longtask', buffered: false });
  });
}
