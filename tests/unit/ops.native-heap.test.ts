import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

/**
 * glibc keeps the memory that freed native allocations (socket buffers, SQLite pages) held, so
 * a server whose documents have all unloaded stays at its peak; the server trims the C heap when
 * they go. Measured in a process of its own, so that only its own allocations count: 190 MB of
 * 16 KiB native buffers, one in sixteen kept so the heap cannot simply shrink from the top.
 */
const measure = (trim: boolean): { freedMb: number; afterMb: number; available: boolean } => {
  const nativeHeap = new URL('../../server/dist/ops/nativeHeap.js', import.meta.url).href;
  const script = `
    import { openNativeHeap } from ${JSON.stringify(nativeHeap)};
    const heap = openNativeHeap(() => {});
    const rssMb = () => process.memoryUsage().rss / 1048576;
    const fill = () => {
      const all = [];
      for (let i = 0; i < 12000; i += 1) all.push(Buffer.allocUnsafeSlow(16384).fill(1));
      return all.filter((_, i) => i % 16 === 0);
    };
    const kept = fill();
    for (let i = 0; i < 5; i += 1) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const freedMb = rssMb();
    if (${trim}) await heap.trim();
    else await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(JSON.stringify({ freedMb, afterMb: rssMb(), available: heap.available, kept: kept.length }));
  `;
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as { freedMb: number; afterMb: number; available: boolean };
};

const glibc = Boolean(
  (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
    ?.glibcVersionRuntime,
);

it.skipIf(!glibc)(
  '[H1] trimming gives freed native memory back to the system (glibc; skipped elsewhere, where there is no malloc_trim)',
  () => {
    const kept = measure(false);
    // Without the trim glibc keeps what was freed: the process stays near its peak.
    expect(kept.freedMb - kept.afterMb).toBeLessThan(40);
    const trimmed = measure(true);
    expect(trimmed.available).toBe(true);
    expect(trimmed.freedMb - trimmed.afterMb).toBeGreaterThan(120);
  },
);
