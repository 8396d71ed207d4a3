import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Preferred first: brotli is smaller, gzip is what every browser takes. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function accepts(header: string | undefined, encoding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== encoding) return false;
    const q = params.find((param) => param.trim().startsWith('q='));
    return !q || Number(q.trim().slice(2)) > 0;
  });
}

/**
 * Serves the client's hashed assets from the files the build compressed beside them (`.br`,
 * `.gz`), so an old laptop downloads a third of the bytes and the server spends no CPU on it.
 * Anything not precompressed, or a browser that takes neither, falls through to the plain file.
 * Security headers are set for every request before this runs.
 */
export function precompressedAssets(
  clientDir: string,
  cacheControl: (file: string) => string,
): RequestHandler {
  const root = path.resolve(clientDir);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const type = TYPES[path.extname(req.path)];
    if (!type) return next();
    const file = path.resolve(root, `.${decodeURIComponent(req.path)}`);
    if (!file.startsWith(root + path.sep)) return next();
    const acceptEncoding = req.headers['accept-encoding'];
    for (const encoding of ENCODINGS) {
      if (!accepts(acceptEncoding, encoding.name)) continue;
      const compressed = file + encoding.suffix;
      let size: number;
      try {
        size = fs.statSync(compressed).size;
      } catch {
        continue;
      }
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', encoding.name);
      res.setHeader('Content-Length', String(size));
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Cache-Control', cacheControl(file));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(compressed).on('error', next).pipe(res);
      return;
    }
    next();
  };
}
