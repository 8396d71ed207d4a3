import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeDataDir, startTestServer } from '../helpers/testServer.js';

const SCRIPT = `console.log(${JSON.stringify('a fictional script '.repeat(200))})`;

/** A built client as the Vite build lays it out, with the compressed copies it writes. */
function builtClient(): string {
  const dir = makeDataDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Unitroom</title>');
  const file = path.join(dir, 'assets', 'index-3f9a1c.js');
  fs.writeFileSync(file, SCRIPT);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(SCRIPT));
  return dir;
}

describe('static assets are sent compressed', () => {
  it('[W9] brotli when the browser takes it, else gzip, else the plain file; every answer keeps the security headers and the year-long cache', async () => {
    const server = await startTestServer({ config: { clientDir: builtClient() } });
    const url = `${server.url}/assets/index-3f9a1c.js`;
    const get = (acceptEncoding: string) =>
      fetch(url, { headers: { 'accept-encoding': acceptEncoding } });

    const br = await get('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(Number(br.headers.get('content-length'))).toBeLessThan(SCRIPT.length / 4);
    expect(await br.text()).toBe(SCRIPT);

    const gzip = await get('gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(SCRIPT);

    const plain = await get('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);

    const refused = await get('br;q=0, gzip');
    expect(refused.headers.get('content-encoding')).toBe('gzip');
    await refused.arrayBuffer();

    for (const response of [br, gzip, plain]) {
      expect(response.headers.get('vary')).toContain('Accept-Encoding');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // A path outside the client's folder is never served, compressed or not.
    const outside = await fetch(`${server.url}/assets/..%2f..%2fpackage.json`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(outside.headers.get('content-encoding')).toBeNull();
    await outside.arrayBuffer();
  });
});
