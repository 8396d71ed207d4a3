import { openChildGroupsDir } from '../childProcesses.js';

/**
 * Playwright's global setup: every server a spec starts records its process group, and the
 * teardown fails the run if any outlived its test (tests/childProcesses.ts).
 */
export default function globalSetup(): () => Promise<void> {
  return openChildGroupsDir();
}
