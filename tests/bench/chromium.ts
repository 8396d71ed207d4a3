import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../helpers/chromium.js';

/** The project's Chromium, launched as the end-to-end tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}
