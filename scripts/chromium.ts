/** The Chromium that the tests, the benches and the screenshots launch, and its flags: declared once. */
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else (undefined) Playwright's own browser. */
export const executablePath: string | undefined = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Quiet: no background fetches, no component updates, no first-run pages. */
export const baseArgs = ['--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Headless Chromium gets a (software) WebGPU adapter only with these flags (DESIGN.md). */
export const softwareGpuArgs = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
];
