import { defineConfig } from '@playwright/test';
import { baseArgs, executablePath, softwareGpuArgs } from './scripts/chromium';

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
      args: [...baseArgs, ...softwareGpuArgs],
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
