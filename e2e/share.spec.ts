/** What courses take away from a chapter: a widget's link, its numbers, a citation, section permalinks. */
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { builtPages, column, python, test, expect } from './fixtures';

const widget = (page: Page, id: string) => page.locator(`figure[data-widget="${id}"]`);

/** Opens `path` (reduced motion: nothing plays by itself), steps the widget to step 4, returns both runs' first 5 losses. */
async function firstLosses(page: Page, path: string, id: string): Promise<number[]> {
  await page.goto(path);
  const w = widget(page, id);
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  for (let i = 1; i <= 4; i += 1) {
    await w.locator('[data-action="step"]').click();
    await expect(w).toHaveAttribute('data-step', String(i), { timeout: 30_000 });
  }
  await expect.poll(() => column(page, 'loss', 1).then((l) => l.length)).toBe(5);
  return [...(await column(page, 'loss', 1)), ...(await column(page, 'loss', 2))];
}

async function reducedPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL: baseURL!, reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return { page: await context.newPage(), close: () => context.close() };
}

test('copy link: the link carries the configuration; opened in a fresh page it gives the same parameters and the same first 5 losses, and so does the other language', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const a = await reducedPage(browser, baseURL);
  await a.page.goto('en/overview/?backend=wasm&gradient-flow.depth=12');
  const w = widget(a.page, 'gradient-flow');
  await w.scrollIntoViewIfNeeded();
  // the widget is mounted once it shows the URL's values
  await expect(w.locator('[data-param="depth"]')).toHaveValue('12');
  await w.locator('[data-param="activation"]').selectOption('tanh');
  await w.locator('[data-action="copy-link"]').click();
  await expect(w.locator('[data-role="share-status"]')).toHaveText('Link copied.');
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await w.locator('[data-action="copy-link"]').evaluate((el) => (el as HTMLAnchorElement).href));
  const url = new URL(link);
  expect(url.pathname).toMatch(/\/en\/overview\/$/);
  expect(url.searchParams.get('gradient-flow.depth')).toBe('12');
  expect(url.searchParams.get('gradient-flow.activation')).toBe('tanh');
  expect(url.hash).toBe('#widget-gradient-flow');
  const here = await firstLosses(a.page, `${url.pathname}${url.search}&backend=wasm${url.hash}`, 'gradient-flow');
  await a.close();

  const b = await reducedPage(browser, baseURL);
  const there = await firstLosses(b.page, `${url.pathname}${url.search}&backend=wasm${url.hash}`, 'gradient-flow');
  expect(there).toEqual(here);
  expect(here.filter(Number.isFinite)).toHaveLength(10);
  // the other language keeps the configuration
  await b.page.locator('a[data-lang-switch]').click();
  await expect(b.page).toHaveURL(/\/zh\/overview\/\?.*gradient-flow\.depth=12/);
  const zw = widget(b.page, 'gradient-flow');
  await expect(zw.locator('[data-param="depth"]')).toHaveValue('12');
  await expect(zw.locator('[data-param="activation"]')).toHaveValue('tanh');
  await b.close();
});

test('downloads: the CSV and the JSON parse, and hold the numbers the data tables show', async ({ browser, baseURL }) => {
  const { page, close } = await reducedPage(browser, baseURL);
  const losses = await firstLosses(page, 'en/overview/?backend=wasm', 'gradient-flow');
  const w = widget(page, 'gradient-flow');
  const save = async (action: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), w.locator(`[data-action="${action}"]`).click()]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
  };
  const csv = await save('download-csv');
  expect(csv.name).toBe('gradient-flow-seed1.csv');
  const [header, ...rows] = csv.text.trimEnd().split('\n').map((l) => l.split(','));
  expect(rows).toHaveLength(10);
  const at = (name: string) => rows.map((r) => r[header!.indexOf(name)]!);
  expect(at('run')).toEqual([...Array(5).fill('a'), ...Array(5).fill('b')]);
  expect(at('step').map(Number)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
  expect(at('loss').map(Number)).toEqual(losses);

  const json = await save('download-json');
  expect(json.name).toBe('gradient-flow-seed1.json');
  const data = JSON.parse(json.text) as { widget: string; seed: number; backend: string; version: string; date: string; params: Record<string, unknown>; url: string; frames: Record<string, { step: number; loss: number; layers: { gradNormW: number }[] }[]>; runs: unknown[] };
  expect(data).toMatchObject({ widget: 'gradient-flow', seed: 1, backend: 'wasm', chapter: 'overview', lang: 'en' });
  expect(data.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(Date.now() - Date.parse(data.date)).toBeLessThan(600_000);
  expect(typeof data.params['depth']).toBe('number');
  expect(data.runs).toHaveLength(2);
  expect([...data.frames['a']!, ...data.frames['b']!].map((f) => f.loss)).toEqual(losses);
  // the per-layer numbers are the bar chart's table's at the last step
  const bars = await column(page, 'grad-norms', 1);
  expect(data.frames['a']!.at(-1)!.layers.map((l) => l.gradNormW)).toEqual(bars);
  await close();
});

test('Reproduce in PyTorch: the downloaded script, run with python3, prints the losses the widget drew at its configuration', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { page, close } = await reducedPage(browser, baseURL);
  const losses = await firstLosses(page, 'zh/overview/?backend=wasm&gradient-flow.depth=5&gradient-flow.activation=tanh&gradient-flow.seed=7', 'gradient-flow');
  const w = widget(page, 'gradient-flow');
  const [file] = await Promise.all([page.waitForEvent('download'), w.locator('[data-action="reproduce"]').click()]);
  expect(file.suggestedFilename()).toBe('gradient-flow-seed7.py');
  await expect(w.locator('[data-role="share-status"]')).toContainText('已下载 gradient-flow-seed7.py');
  const run = spawnSync(python(), [(await file.path())!, '--json', '--steps', '5'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const frames = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { run: string; step: number; loss: number });
  expect(frames.map((f) => `${f.run}${f.step}`)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
  // float32 on both sides (wasm and PyTorch), summed in other orders
  frames.forEach((f, i) => expect(Math.abs(f.loss - losses[i]!)).toBeLessThanOrEqual(1e-4 * losses[i]!));
  await close();
});

for (const [lang, label, cite] of [['en', 'Link to this section', 'Cite this chapter'], ['zh', '本节链接', '引用本章']] as const) {
  test(`section permalinks and the citation (${lang})`, async ({ page, baseURL }) => {
    await page.goto(`${lang}/pretraining/`);
    const anchors = page.locator('article h2 a.anchor, article h3 a.anchor');
    const headings = page.locator('article h2[id], article h3[id]');
    // every h2 and h3 with an id, the references' included
    expect(await anchors.count()).toBe(await headings.count());
    const first = anchors.first();
    await expect(first).toHaveAttribute('aria-label', label);
    const id = await headings.first().getAttribute('id');
    await expect(first).toHaveAttribute('href', `#${id}`);
    // hidden until the heading is hovered or the link focused
    await expect(first).toHaveCSS('opacity', '0');
    await first.focus();
    await expect(first).toHaveCSS('opacity', '1');
    // the table of contents lists the headings' text, without the "#"
    for (const text of await page.locator('aside.toc a').allTextContents()) expect(text.trim().endsWith('#')).toBe(false);
    await page.locator('details.cite summary', { hasText: cite }).click();
    const url = new URL(`${lang}/pretraining/`, baseURL).pathname;
    await expect(page.locator('[data-cite="text"]')).toContainText(url);
    await expect(page.locator('[data-cite="text"]')).toContainText('2026-12-02');
    const bibtex = await page.locator('[data-cite="bibtex"]').textContent();
    expect(bibtex).toMatch(new RegExp(`^@misc\\{gradientclinic-pretraining-${lang},`));
    expect(bibtex).toContain('year         = {2026}');
    expect(bibtex).toContain(url);
  });
}

test('sitemap.xml lists every page of both languages, each with its twin; the hreflang pairs of every page resolve and point back', async ({ page, request, baseURL }) => {
  const xml = await (await request.get('sitemap.xml')).text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const base = new URL(baseURL!).pathname;
  const pages = builtPages().filter((p) => /^(en|zh)\//.test(p) && !p.includes('/embed/')).map((p) => `${base}${p}`);
  expect([...locs].sort()).toEqual([...pages].sort());
  for (const path of pages) {
    await page.goto(path.slice(base.length));
    const links = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => ({ lang: l.getAttribute('hreflang'), href: (l as HTMLLinkElement).href })));
    expect(links.map((l) => l.lang).sort(), path).toEqual(['en', 'zh-CN']);
    const self = new URL(links.find((l) => l.href.endsWith(path) || new URL(l.href).pathname === path)!.href).pathname;
    expect(self).toBe(path);
    const twin = links.find((l) => new URL(l.href).pathname !== path)!;
    const res = await request.get(new URL(twin.href).pathname.slice(base.length));
    expect(res.status(), twin.href).toBe(200);
    expect(await res.text()).toContain(`hreflang="${path.startsWith(`${base}en/`) ? 'en' : 'zh-CN'}"`);
  }
});

test('embed: the page holds only the widget, its caption and a link back; it trains, asks nothing of other origins and is axe clean; the Embed button’s snippet loads it in another page', async ({ page, watch, request, browser, baseURL }) => {
  test.setTimeout(120_000);
  const res = await request.get('zh/embed/pretraining/');
  expect(res.status()).toBe(200);
  await page.goto('en/embed/gradient-flow/?backend=wasm&gradient-flow.depth=6');
  await expect(page.locator('header, nav, .site-header, .skip-link')).toHaveCount(0);
  await expect(page.locator('figure[data-widget]')).toHaveCount(1);
  const w = widget(page, 'gradient-flow');
  await expect(w.locator('[data-param="depth"]')).toHaveValue('6');
  await expect.poll(async () => Number(await w.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);
  const back = page.locator('.embed-source a');
  await expect(back).toHaveAttribute('target', '_top');
  const href = (await back.getAttribute('href'))!;
  expect(href).toMatch(/\/en\/overview\/#widget-gradient-flow$/);
  expect((await request.get(new URL(href, page.url()).pathname.slice(new URL(baseURL!).pathname.length))).status()).toBe(200);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);

  // the snippet, from the chapter page's Embed button, in a page of its own
  const { page: chapter, close } = await reducedPage(browser, baseURL);
  await chapter.goto('en/overview/?gradient-flow.activation=relu');
  const cw = widget(chapter, 'gradient-flow');
  await cw.scrollIntoViewIfNeeded();
  await expect(cw.locator('[data-param="activation"]')).toHaveValue('relu');
  await cw.locator('[data-action="embed"]').click();
  const snippet = await cw.locator('[data-role="embed-snippet"]').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/[^"]+\/en\/embed\/gradient-flow\/\?gradient-flow\.activation=relu" title="[^"]+" width="100%" height="\d+" style="border:0" loading="lazy"><\/iframe>$/);
  await chapter.setContent(`<!doctype html><html lang="en"><body><h1>Course page</h1>${snippet}</body></html>`);
  const framed = chapter.frameLocator('iframe').locator('figure[data-widget="gradient-flow"]');
  await expect(framed.locator('[data-param="activation"]')).toHaveValue('relu', { timeout: 30_000 });
  await expect(framed).toHaveAttribute('data-step', /^\d+$/, { timeout: 30_000 });
  await close();
});
