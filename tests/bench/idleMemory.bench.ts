/**
 * Idle memory with and without the reclaim option ([H1]-[H3], UNITROOM_RECLAIM_IDLE_MEMORY): a
 * server started as `npm start` starts it, with the full demo, has 50 family documents opened by a
 * real y-websocket client (ten at a time), synced, and closed; then its resident set is read every 5 s
 * for 90 s of idleness. Prints one line per mode for docs/performance-log.md.
 *
 *   npm run build && node --conditions=source --import tsx tests/bench/idleMemory.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChildServer } from '../helpers/childServer.js';
import { originOf, signIn } from '../helpers/session.js';
import { connectYClient } from '../helpers/yClient.js';
import { rssBytes } from './procStats.js';

const DOCUMENTS = 50;
const BATCH = 10;
const IDLE_SECONDS = 90;
const SAMPLE_SECONDS = 5;
const mb = (bytes: number | null) => (bytes === null ? NaN : Math.round(bytes / 1024 / 1024));

async function measure(reclaim: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-idle-'));
  const server = await startChildServer(dataDir, {
    SEED_DEMO: 'true',
    UNITROOM_ALLOW_UNKNOWN_ROOTS: 'false',
    UNITROOM_RECLAIM_IDLE_MEMORY: reclaim ? 'true' : 'false',
  });
  const pid = server.process.pid ?? 0;
  try {
    const cookie = await signIn(server.url, 'csw@demo.test');
    const headers = { cookie, origin: originOf(server.url), 'content-type': 'application/json' };
    const me = (await (await fetch(`${server.url}/api/me`, { headers })).json()) as {
      units: Array<{ id: string; families: Array<{ id: string }> }>;
    };
    const unit = me.units[0];
    if (!unit) throw new Error('the demo has no unit');
    const familyIds = unit.families.map((family) => family.id);
    while (familyIds.length < DOCUMENTS) {
      const response = await fetch(`${server.url}/api/units/${unit.id}/families`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: `Idle family ${familyIds.length + 1}`, children: [] }),
      });
      if (!response.ok) throw new Error(`opening a family: ${response.status}`);
      familyIds.push(((await response.json()) as { id: string }).id);
    }
    await sleep(10_000);
    const before = mb(rssBytes(pid));
    // In batches: one user may hold only so many sockets at once.
    let open = 0;
    for (let first = 0; first < DOCUMENTS; first += BATCH) {
      const clients = familyIds
        .slice(first, first + BATCH)
        .map((id) => connectYClient(server.url, `family:${id}`, { cookie }));
      await Promise.all(clients.map((client) => client.synced));
      open = Math.max(open, mb(rssBytes(pid)));
      for (const client of clients) client.destroy();
      await sleep(1_000);
    }
    const samples: number[] = [];
    for (let waited = 0; waited < IDLE_SECONDS; waited += SAMPLE_SECONDS) {
      await sleep(SAMPLE_SECONDS * 1_000);
      samples.push(mb(rssBytes(pid)));
    }
    return { reclaim, before, open, samples };
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const rounds = Number(process.env.ROUNDS ?? 2);
const results = [];
for (let round = 0; round < rounds; round += 1) {
  // Alternated, so that a change in the machine's load falls on both modes.
  for (const reclaim of round % 2 === 0 ? [false, true] : [true, false]) {
    const result = await measure(reclaim);
    results.push(result);
    const at = (seconds: number) => result.samples[seconds / SAMPLE_SECONDS - 1];
    console.log(
      `reclaim ${reclaim ? 'on ' : 'off'}: RSS ${result.before} MB before, ${result.open} MB at most while opening ` +
        `${DOCUMENTS}, idle after 30 s ${at(30)} MB, 60 s ${at(60)} MB, 90 s ${at(90)} MB`,
    );
  }
}
console.log(JSON.stringify(results));
