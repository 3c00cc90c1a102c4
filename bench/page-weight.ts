// Page weight: bytes on the wire (compressed as a browser asks, br/gzip) for each main page with its CSS,
// icon, scripts and fonts, from the real server. Also checks each page has no script at all (readable
// with JavaScript off). Prints a Markdown table.

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServer, stop } from './support.ts';

const PAGES = [
  '/',
  '/norms',
  '/norms/c',
  '/pillars',
  '/cbms',
  '/frameworks',
  '/actors',
  '/forums',
  '/glossary',
  '/timeline',
  '/search?q=critical+infrastructure',
  '/states',
  '/states/KEN',
  '/organisations/OSCE',
  '/sign-in',
];

function fetchRaw(port: number, url: string): Promise<{ bytes: number; body: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const headerBytes = Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
        resolve({
          bytes: raw.length + headerBytes,
          body: raw.toString('latin1'),
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-weight-'));
const port = await freePort();
const server = await startServer({ DATA_DIR: dataDir, PORT: String(port) });
console.log('| page | HTML (compressed, with headers) | subresources | total | scripts |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let worst = 0;
for (const page of PAGES) {
  const html = await fetchRaw(port, page);
  const plain = await (await fetch(`http://127.0.0.1:${port}${page}`)).text();
  const assets = [...plain.matchAll(/<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((u) => u.startsWith('/static/'));
  let sub = 0;
  for (const asset of new Set(assets)) sub += (await fetchRaw(port, asset)).bytes;
  const scripts = (plain.match(/<script/g) ?? []).length;
  const total = html.bytes + sub;
  worst = Math.max(worst, total);
  console.log(
    `| ${page} | ${(html.bytes / 1024).toFixed(1)} KB (${html.encoding}) | ${(sub / 1024).toFixed(1)} KB | ${(total / 1024).toFixed(1)} KB | ${scripts} |`,
  );
}
console.log(`\nHeaviest page: ${(worst / 1024).toFixed(1)} KB (goal ≤ 60 KB).`);
await stop(server);
rmSync(dataDir, { recursive: true, force: true });
