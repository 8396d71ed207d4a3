import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order needs its results cache, which a fresh clone (CI) does not have: there it
 * runs the files in the order it found them, and a long file found last (the kill -9 run, the
 * convergence properties) kept one worker busy for a minute after the other had finished.
 *
 * This order needs no cache: files with no recorded duration first (a new file's cost is unknown),
 * then the longest first, from tests/fileDurations.json (the wall seconds of each file in a
 * Vitest run on its own). To refresh it, run Vitest with `UNITROOM_TEST_CPU_LOG=<file>` and then
 * `node --import tsx tests/recordFileDurations.ts <file>` (docs/testing.md).
 */
export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const recorded = readFileDurations();
    const duration = (file: TestSpecification) =>
      recorded[path.relative(root, file.moduleId)] ?? Number.POSITIVE_INFINITY;
    return Promise.resolve([...files].sort((a, b) => duration(b) - duration(a)));
  }
}

export const FILE_DURATIONS = new URL('./fileDurations.json', import.meta.url);

function readFileDurations(): Record<string, number> {
  return JSON.parse(fs.readFileSync(FILE_DURATIONS, 'utf8')) as Record<string, number>;
}
