import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Debian's chromium-headless-shell: the same Chromium, built for headless use only, as Playwright
 * runs its own Chromium headless. The full browser spends about twice the CPU per page opened in
 * its browser process (measured on the meeting room's journeys); .ci/run installs the shell, and
 * without it the full browser is used.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const defaultChromium = fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';

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
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? defaultChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    // A failed test keeps its trace of actions and DOM snapshots; not the screencast, whose frames
    // every page encoded all through every test (a sixth of the CPU of the meeting's journeys).
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
});
