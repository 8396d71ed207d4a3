import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { API_ERROR_CODES } from '@unitroom/shared';
import { apiRouter, type ApiOptions } from '../http/api.js';
import { errorHandler, sendError } from '../http/errors.js';
import { precompressedAssets } from '../http/precompressed.js';

/**
 * The Express application: the REST API under /api, the built client (when there is one), our
 * own 404 and the one error handler last.
 */
export function httpApp(options: {
  api: ApiOptions;
  /** Proxies whose X-Forwarded-For is believed ([I3]). */
  trustProxy: readonly string[] | undefined;
  clientDir: string | null | undefined;
  log: (message: string, error?: unknown) => void;
}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies named in the configuration ([I3]).
  app.set('trust proxy', options.trustProxy?.length ? [...options.trustProxy] : false);
  app.use('/api', apiRouter(options.api));
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    serveClient(app, options.clientDir);
  }
  // Our own 404, so that it carries our headers rather than Express's default page.
  app.use((_req, res) => sendError(res, 404, API_ERROR_CODES.NOT_FOUND, 'Nothing here.'));
  app.use(errorHandler(options.log));
  return app;
}

/** The built client: precompressed where it can be, and the app shell for its own routes. */
function serveClient(app: express.Express, clientDir: string): void {
  // The built client holds no case data; Vite's hashed assets never change.
  const cacheControl = (file: string) =>
    file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=3600';
  app.use(precompressedAssets(clientDir, cacheControl));
  app.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', cacheControl(file));
        // The same address may be answered compressed (above): caches must tell them apart.
        res.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  // Client-side routes: every other GET is the app shell, never cached.
  app.get(/^(?!\/(api|collab|socket\.io)\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.sendFile(path.join(clientDir, 'index.html'));
  });
}
