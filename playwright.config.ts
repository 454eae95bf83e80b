import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else Playwright's own browser. */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Headless Chromium gets a (software) WebGPU adapter only with these flags (DESIGN.md). */
const webgpuFlags = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
];

export const ROOT_PORT = 4321;
export const SUBPATH_PORT = 4322;
export const SUBPATH_BASE = '/gradient-clinic/';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  // One at a time: two cores, and the long-task and off-screen checks need the CPU to themselves.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: {
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...webgpuFlags],
    },
    // Recording a trace costs CPU that the timing checks need; only a retry records one.
    trace: 'on-first-retry',
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` }, testIgnore: /subpath\.spec/ },
    { name: 'subpath', use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH_BASE}` }, testMatch: /(subpath|site|preview-image)\.spec/ },
  ],
  webServer: [
    {
      command: `node scripts/serve.mjs --dir dist --base / --port ${ROOT_PORT}`,
      url: `http://127.0.0.1:${ROOT_PORT}/en/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node scripts/serve.mjs --dir dist-subpath --base ${SUBPATH_BASE} --port ${SUBPATH_PORT}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH_BASE}en/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
