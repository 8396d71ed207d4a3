import { chromium, type Browser } from '@playwright/test';

/**
 * Debian's Chromium (`CHROMIUM_PATH` overrides) with the flags the project runs its browser
 * with, as the end-to-end tests do (tests/playwright.config.ts): no sandbox, GPU or background
 * traffic (network, component updates, sync) to add work of its own to what a bench measures.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
