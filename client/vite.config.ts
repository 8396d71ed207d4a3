import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
  },
  server: {
    proxy: {
      '/api': API_ORIGIN,
      '/collab': { target: API_ORIGIN, ws: true },
      '/socket.io': { target: API_ORIGIN, ws: true },
    },
  },
});
