import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the TypeScript module `entry` names, from wherever the server runs: the
 * built `.js` beside the caller in `dist/`, or, from TypeScript sources (tests, `npm run dev`),
 * the `.ts` module itself, with tsx registered in the worker's thread first and the `source`
 * export condition, so the workspace packages resolve to their sources as in the main thread.
 *
 * `from` is the caller's `import.meta.url`; `entry` the worker module's name without extension.
 */
export function startModuleWorker(
  from: string,
  entry: string,
  options: WorkerOptions = {},
): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, from), options);
  // The ESM entry, as tsx declares it (resolving from here would give its CommonJS one).
  const manifest = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  const tsx = new URL(api, pathToFileURL(manifest)).href;
  const module = new URL(`./${entry}.ts`, from).href;
  const bootstrap =
    `import(${JSON.stringify(tsx)})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(module)}); });`;
  return new Worker(bootstrap, {
    ...options,
    eval: true,
    execArgv: [...(options.execArgv ?? []), '--conditions=source'],
  });
}
