import { it } from 'vitest';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The opt-in long run of a seeded fuzz: `<PREFIX>_RUNS` seeds from `<PREFIX>_SEED` (default 1000).
 * CI runs only the fixed seeds, so without the variable the test is skipped and says why.
 */
export function itLongFuzzRun(
  rule: string,
  envPrefix: string,
  runScenario: (seed: number) => unknown,
): void {
  const runs = Number(process.env[`${envPrefix}_RUNS`] ?? 0);
  const from = Number(process.env[`${envPrefix}_SEED`] ?? 1000);
  if (runs <= 0) {
    it.skip(`[${rule}] long run: skipped because ${envPrefix}_RUNS is not set (CI runs the fixed seeds above)`, () =>
      undefined);
    return;
  }
  it(
    `[${rule}] long run: ${runs} seeds from ${from}`,
    () => {
      for (let seed = from; seed < from + runs; seed += 1) runScenario(seed);
    },
    ONE_DAY_MS,
  );
}
