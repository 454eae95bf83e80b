#!/usr/bin/env node
// A static server for the built site, the way a static host serves it: under an
// optional base path, directory index.html, the site's 404.html with status 404,
// and the right MIME type for .wasm (streaming compilation needs it). --isolate adds the
// COOP/COEP headers of a cross-origin isolated page (the bench's harness: finer timers).
// Usage: node scripts/serve.mjs [--dir dist] [--base /] [--port 4321] [--isolate]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    base: { type: 'string', default: '/' },
    port: { type: 'string', default: '4321' },
    host: { type: 'string', default: '127.0.0.1' },
    isolate: { type: 'boolean', default: false },
  },
});
const root = resolve(values.dir);
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
  '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pagefind': 'application/octet-stream',
};

async function fileFor(urlPath) {
  if (!urlPath.startsWith(base)) return undefined;
  const rel = normalize(decodeURIComponent(urlPath.slice(base.length)));
  if (rel.startsWith('..')) return undefined;
  let path = join(root, rel);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
    path = join(path, 'index.html');
  }
  return (await stat(path).catch(() => undefined))?.isFile() ? { path } : undefined;
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const found = await fileFor(url.pathname);
  if (found?.redirect) {
    res.writeHead(301, { location: found.redirect + url.search });
    res.end();
    return;
  }
  const path = found?.path ?? join(root, '404.html');
  const body = await readFile(path).catch(() => Buffer.from('Not found'));
  res.writeHead(found ? 200 : 404, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...(values.isolate ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
  });
  res.end(body);
}).listen(Number(values.port), values.host, () => {
  console.log(`Serving ${root} at http://${values.host}:${values.port}${base}`);
});
