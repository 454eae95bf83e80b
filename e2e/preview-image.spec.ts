/**
 * Link previews: every home and chapter page names its own 1200×630 PNG (og:image, absolute, under
 * the base), and the site serves it. Runs in both projects: at the domain root and under a sub-path.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from './fixtures';

/** The content of `<meta property|name="key">` in `html`. */
const meta = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];

test('every home and chapter page has a preview image of its own: a 1200×630 PNG the site serves', async ({ request, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  const slugs = readdirSync('content/en').filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4));
  expect(slugs.length).toBeGreaterThanOrEqual(11);
  const pages = ['en', 'zh'].flatMap((lang) => [`${lang}/`, ...slugs.map((slug) => `${lang}/${slug}/`)]);
  const images = new Map<string, string>();
  for (const path of pages) {
    const page = await request.get(path);
    expect(page.status(), path).toBe(200);
    const html = await page.text();
    const src = meta(html, 'og:image');
    expect(src, path).toBeDefined();
    const url = new URL(src!); // throws unless absolute
    expect(url.pathname, path).toBe(`${base}og/${path.replace(/\/$/, '')}.png`); // en/ → og/en.png, en/lstm/ → og/en/lstm.png
    expect(meta(html, 'og:image:width'), path).toBe('1200');
    expect(meta(html, 'og:image:height'), path).toBe('630');
    expect(meta(html, 'og:image:alt')?.length, path).toBeGreaterThan(10);
    expect(meta(html, 'twitter:card'), path).toBe('summary_large_image');
    images.set(path, url.pathname);
  }
  // one image per page: zh and en differ, chapters differ
  expect(new Set(images.values()).size).toBe(pages.length);

  for (const [path, image] of images) {
    const res = await request.get(image.slice(base.length));
    expect(res.status(), image).toBe(200);
    expect(res.headers()['content-type'], image).toBe('image/png');
    const png = await res.body();
    // PNG signature, then the IHDR chunk: width and height, big-endian, at bytes 16 and 20
    expect([...png.subarray(0, 8)], path).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], image).toEqual([1200, 630]);
  }
});
