import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_DURATIONS } from './longestFirst.js';

/**
 * Writes tests/fileDurations.json, the order Vitest runs its files in (tests/longestFirst.ts),
 * from a CPU log (`UNITROOM_TEST_CPU_LOG`, tests/setup.ts) of a whole Vitest run: each file's
 * wall seconds, longest first.
 *
 *   UNITROOM_TEST_CPU_LOG=/tmp/files.jsonl npm run test:unit
 *   node --import tsx tests/recordFileDurations.ts /tmp/files.jsonl
 */
const log = process.argv[2];
if (!log) throw new Error('usage: recordFileDurations.ts <the CPU log of a Vitest run>');
const testsDir = path.dirname(fileURLToPath(import.meta.url));
const lines = fs
  .readFileSync(log, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { file: string; wallSeconds: number });
lines.sort((a, b) => b.wallSeconds - a.wallSeconds);
const durations = Object.fromEntries(
  lines.map((line) => [path.relative(testsDir, line.file), Math.round(line.wallSeconds * 10) / 10]),
);
fs.writeFileSync(FILE_DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
process.stdout.write(`${lines.length} files recorded in ${fileURLToPath(FILE_DURATIONS)}\n`);
