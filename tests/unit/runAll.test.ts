import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runAfter, runSuites, type Output } from '../runAll.js';

function capture(): { output: Output; printed: { stdout: string; stderr: string } } {
  const output = { stdout: new PassThrough(), stderr: new PassThrough() };
  const printed = { stdout: '', stderr: '' };
  output.stdout.on('data', (chunk: Buffer) => (printed.stdout += chunk.toString()));
  output.stderr.on('data', (chunk: Buffer) => (printed.stderr += chunk.toString()));
  return { output, printed };
}

/**
 * `npm test` runs its suites side by side (tests/runAll.ts): a failure in either must
 * fail the command, neither may stop the other, and each line says which suite printed it.
 */
it('reports each suite’s exit code and prefixes its lines, side by side and one after the other', async () => {
  const suites = [
    { name: 'passes', command: 'echo fine' },
    { name: 'fails', command: 'echo broken >&2; exit 3' },
  ];
  for (const serial of [false, true]) {
    const { output, printed } = capture();
    expect(await runSuites(suites, serial, output)).toEqual([
      { name: 'passes', code: 0 },
      { name: 'fails', code: 3 },
    ]);
    expect(printed.stdout).toBe('passes | fine\n');
    expect(printed.stderr).toContain('fails  | broken\n');
    // bash's `time` line, CPU included, for each suite.
    expect(printed.stderr).toMatch(
      /^passes \| passes: [\d.]+ s wall, [\d.]+ s user \+ [\d.]+ s sys CPU$/m,
    );
    expect(printed.stderr).toMatch(/^fails {2}\| fails: [\d.]+ s wall/m);
  }
});

it('runs the suites only once what they need first has passed', async () => {
  const suites = [{ name: 'suite', command: 'echo ran' }];
  const passed = capture();
  const builds = [
    { name: 'build', command: 'echo built' },
    { name: 'bundle', command: 'true' },
  ];
  expect(await runAfter(builds, suites, false, passed.output)).toEqual([
    { name: 'build', code: 0 },
    { name: 'bundle', code: 0 },
    { name: 'suite', code: 0 },
  ]);
  expect(passed.printed.stdout).toBe('build  | built\nsuite | ran\n');

  const failed = capture();
  expect(
    await runAfter(
      [{ name: 'build', command: 'exit 2' }, ...builds.slice(1)],
      suites,
      false,
      failed.output,
    ),
  ).toEqual([
    { name: 'build', code: 2 },
    { name: 'bundle', code: 0 },
  ]);
  expect(failed.printed.stdout).toBe('');
});
