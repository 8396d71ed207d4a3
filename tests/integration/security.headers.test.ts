import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataDir, startTestServer } from '../helpers/testServer.js';
import { signIn } from '../helpers/session.js';

/** A built client as `npm run build` lays it out: an app shell and hashed assets. */
function fakeBuiltClient(): string {
  const dir = makeDataDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Unitroom</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-3f9a1c.js'), 'console.log(1)');
  return dir;
}

const EXPECTED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join(';');

/** Raw HTTP, so that even answers Node writes itself (431) are seen as a browser would. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('security headers: every response carries them, and case data is never cached', () => {
  it('sets a strict CSP and the other security headers on the API, the client, errors, 404s and socket.io', async () => {
    const server = await startTestServer({ config: { clientDir: fakeBuiltClient() } });
    const cookie = await signIn(server.url, 'csw@demo.test');
    const family = server.demo.familyIds[0] ?? '';
    const requests: Array<{ path: string; init?: RequestInit; status: number; cacheable?: true }> =
      [
        { path: '/', status: 200 },
        { path: '/meetings/anything', status: 200 },
        { path: '/assets/app-3f9a1c.js', status: 200, cacheable: true },
        { path: '/api/health', status: 200 },
        { path: '/api/me', status: 200, init: { headers: { cookie } } },
        { path: `/api/families/${family}/genograms`, status: 200, init: { headers: { cookie } } },
        { path: '/api/me', status: 401 },
        { path: '/api/no-such-thing', status: 404, init: { headers: { cookie } } },
        {
          path: '/api/session',
          status: 400,
          init: {
            method: 'POST',
            headers: { origin: server.url, 'content-type': 'application/json' },
            body: '{',
          },
        },
        {
          path: '/api/session',
          status: 403,
          init: { method: 'DELETE', headers: { origin: 'http://evil.example' } },
        },
        { path: '/collab/meeting:x', status: 404 },
        { path: '/socket.io/?EIO=4&transport=polling', status: 400 },
        { path: '/%FF', status: 200 },
        { path: '/api/families/%FF/genograms', status: 400, init: { headers: { cookie } } },
      ];
    for (const { path: at, init, status, cacheable } of requests) {
      const response = await fetch(`${server.url}${at}`, init);
      await response.arrayBuffer();
      const where = `${init?.method ?? 'GET'} ${at}`;
      expect(response.status, where).toBe(status);
      const headers = response.headers;
      expect(headers.get('content-security-policy'), where).toBe(EXPECTED_CSP);
      expect(headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(headers.get('x-frame-options'), where).toBe('DENY');
      expect(headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
      expect(headers.get('cross-origin-resource-policy'), where).toBe('same-origin');
      expect(headers.get('permissions-policy'), where).toContain('camera=()');
      expect(headers.get('x-powered-by'), where).toBeNull();
      if (cacheable) expect(headers.get('cache-control'), where).toMatch(/max-age=\d+/);
      else expect(headers.get('cache-control'), where).toBe('no-store');
    }

    // Node answers oversized headers itself; that answer carries the essentials too.
    const answer = await rawRequest(
      server.port,
      `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
    expect(answer).toContain('Cache-Control: no-store');
  });

  it('adds HSTS and upgrade-insecure-requests when served over HTTPS (Secure cookies)', async () => {
    const server = await startTestServer({ config: { secureCookies: true } });
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(response.headers.get('content-security-policy')).toBe(
      `${EXPECTED_CSP};upgrade-insecure-requests`,
    );
  });
});
