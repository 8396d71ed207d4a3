import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli and a gzip copy beside each script, style sheet and SVG of the build, which the
 * server sends to browsers that take them (server/src/http/precompressed.ts): compressed once,
 * at build time, at the highest settings.
 */
function precompress(): Plugin {
  return {
    name: 'unitroom-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/app';
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = path.join(dir, name);
        const source = fs.readFileSync(file);
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(source, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(source, { level: 9 }));
      }
    },
  };
}

const API_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    // `source` makes `@unitroom/shared` resolve to its TypeScript, so the client needs no prior
    // build of shared and Vite follows edits to it.
    conditions: ['source', 'module', 'browser', 'development|production'],
    // The workspace install holds several copies of these (nested under shared/, starter-kit and
    // the hoisted root). Two copies of yjs corrupt documents and two Tiptap cores disagree on
    // plugin keys, so every import resolves to the one copy pinned in client/package.json.
    dedupe: ['@tiptap/core', '@tiptap/pm', 'yjs', 'y-protocols', 'lib0', 'react', 'react-dom'],
  },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // React and the router change far less often than the app: a chunk of their own stays
        // cached across releases.
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|react-router|scheduler)\//.test(id) ? 'react' : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': API_ORIGIN,
      '/collab': { target: API_ORIGIN, ws: true },
      '/socket.io': { target: API_ORIGIN, ws: true },
    },
  },
});
