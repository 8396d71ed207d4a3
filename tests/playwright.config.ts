import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './helpers/chromium.js';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser). Each test starts its own
 * real server from the build on a fresh store (see e2e/fixtures.ts); each user is a separate
 * browser context. Tests share nothing, so two workers run them side by side. Not three: the
 * suite keeps two cores busy for most of its run (about 400 s of CPU, browsers two thirds of it),
 * and a third worker only stretched every test (six of 31 past the minute on a loaded machine).
 * PLAYWRIGHT_WORKERS overrides, e.g. 1 to debug. The global setup fails the run if any server a
 * test started outlived it.
 */
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/globalSetup.ts',
  // A limit for a hang, not a performance figure: on a slow day beside Vitest the longest
  // journeys with no limit of their own took up to 57 s (docs/performance-log.md, 2026-12-07).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    // A failed test keeps its trace: the actions, their timing and errors, console and network.
    // Not the screencast, whose frames every page encoded all through every test (a sixth of the
    // CPU of the meeting's journeys), nor a DOM snapshot at every action, which every passing
    // test paid for too (about a tenth of the suite's CPU; docs/performance-log.md, 2026-12-07).
    // For a failure being chased, `npm run test:e2e -- --trace on` records everything.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
  },
});
