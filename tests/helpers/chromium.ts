/**
 * The project's browser: Debian's Chromium at /usr/bin/chromium, never a downloaded one.
 * CHROMIUM_PATH may point at Debian's chromium-headless-shell instead (the same Chromium built for
 * headless use): on the meeting room's journeys it spent about a third less CPU
 * (docs/testing.md), but CI runs what the project names. The end-to-end tests
 * (tests/playwright.config.ts) and the benches (tests/bench/chromium.ts) launch it the same way.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // No sandbox, GPU or background traffic (network, component updates, sync, QUIC) adding work
  // of its own to what a test or a bench measures.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};
