import { parseArgs } from 'node:util';
import { layoutGenogram, type Genogram } from '@unitroom/shared';
import { randomFamily } from '../fixtures/genograms.js';

/**
 * `npm run bench:layout` — time `layoutGenogram` on seeded random families of 20, 100 and 500
 * people: median and p95 over repeated runs after a warm-up, rotating over several families per
 * size so one lucky shape does not decide the figure. Not part of `npm test`, never pass/fail:
 * the absolute numbers depend on the machine. The brief's budget is well under 50 ms for 500.
 *
 * Options: --runs (timed runs per size, default 200), --warmup (default 50).
 */

const SIZES = [20, 100, 500] as const;
const FAMILIES_PER_SIZE = 5;
const BUDGET_500_MS = 50;

const { values } = parseArgs({
  options: { runs: { type: 'string' }, warmup: { type: 'string' } },
  strict: true,
});
const runs = Math.max(1, Number(values.runs ?? 200));
const warmup = Math.max(0, Number(values.warmup ?? 50));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

interface Row {
  size: number;
  entities: string;
  min: number;
  median: number;
  p95: number;
}

const familiesOf = new Map<number, Genogram[]>(
  SIZES.map((size) => [
    size,
    Array.from({ length: FAMILIES_PER_SIZE }, (_, i) => randomFamily(size, 1000 + i)),
  ]),
);

let sink = 0;
// Warm every size before timing any, so the first size measured does not pay for JIT tiering.
for (const families of familiesOf.values()) {
  for (let i = 0; i < warmup; i++) {
    sink += layoutGenogram(families[i % families.length]!).people.length;
  }
}

function measure(size: number): Row {
  const families = familiesOf.get(size)!;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const family = families[i % families.length]!;
    const start = performance.now();
    sink += layoutGenogram(family).people.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const first = families[0]!;
  return {
    size,
    entities: `${first.unions.length} unions, ${first.childLinks.length} links, ${first.relationships.length} rels`,
    min: times[0]!,
    median: quantile(times, 0.5),
    p95: quantile(times, 0.95),
  };
}

console.error(`layout benchmark: ${warmup} warm-up + ${runs} timed runs per size`);
const rows = SIZES.map(measure);
if (sink === 0) throw new Error('nothing was laid out');
const ms = (value: number) => value.toFixed(2).padStart(8);
console.log('');
// On a loaded machine p95 includes time slices given to other processes; min does not.
console.log('people   median ms   p95 ms    min ms   family (first of 5)');
for (const row of rows) {
  console.log(
    `${String(row.size).padStart(6)}  ${ms(row.median)}   ${ms(row.p95)}  ${ms(row.min)}   ${row.entities}`,
  );
}
const largest = rows.at(-1)!;
console.log('');
console.log(
  `500 people: p95 ${largest.p95.toFixed(2)} ms against a budget of ${BUDGET_500_MS} ms ` +
    `(${(largest.p95 / BUDGET_500_MS).toFixed(2)} of it); node ${process.version}`,
);
