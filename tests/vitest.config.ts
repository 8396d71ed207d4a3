import { defineConfig } from 'vitest/config';
import LongestFirst from './longestFirst.js';

/**
 * One Vitest run for unit, contract, integration and property tests. Playwright runs the e2e
 * suite separately (tests/playwright.config.ts).
 *
 * Tests import the server and shared packages from their build, which the global setup brings up
 * to date first (`tsc -b server`), so they never run a stale one. Node loads the build itself
 * (`external`) rather than Vitest transforming the TypeScript for every file: loading the server
 * in a file took about 0.6 s instead of 2, and the server's worker threads (exports, large
 * updates) start from JavaScript instead of registering a TypeScript loader each
 * (docs/performance-log.md, 2026-12-07 (session 9)).
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: [
      'unit/**/*.test.ts',
      'contract/**/*.test.ts',
      'integration/**/*.test.ts',
      'property/**/*.test.ts',
    ],
    environment: 'node',
    server: { deps: { external: [/\/(server|shared)\/dist\//] } },
    globalSetup: ['./globalSetup.ts'],
    setupFiles: ['./setup.ts'],
    // Limits for a hang, not performance figures: on a slow day beside Playwright, tests with no
    // limit of their own took up to 28 s here (docs/performance-log.md, 2026-12-07).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites start real servers and child processes; two cores, so keep it modest.
    // Three workers beside Playwright stretched tests past their limits on a slow day
    // (docs/performance-log.md, 2026-12-07). VITEST_MAX_WORKERS overrides it, to measure another.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    // The longest files first, so that none is left running alone at the end (longestFirst.ts).
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
    // oidc-provider announces on every start that it runs with its development defaults (keys,
    // in-memory adapter, interactions) and on which Node: true of the council provider a test
    // stands up on loopback, and dozens of lines that hide what a failing test printed.
    onConsoleLog: (log) => (/^oidc-provider (WARNING|NOTICE):/.test(log) ? false : undefined),
  },
});
