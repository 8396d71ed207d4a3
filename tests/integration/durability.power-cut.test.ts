import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { genogramCommands, userOrigin, type MeResponse } from '@unitroom/shared';
import {
  childServerEnv,
  npmStartNodeFlags,
  SERVER_ENTRY,
  serverListening,
  spawnTrackedChild,
  stopChildProcess,
} from '../helpers/childServer.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

/**
 * [J7] "Saved" means on stable storage. No test can pull the power, so this one watches the
 * system calls instead: the server runs under strace, and every update it fans out to another
 * client, and every SAVED answer it gives, must come after an fdatasync of the journal that
 * finished after the journal write before it.
 */
const STRACE = spawnSync('strace', ['-V']).status === 0;
const SKIP_REASON =
  'skipped: strace is not installed (apt-get install strace; .ci/run installs it)';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface TracedServer {
  url: string;
  trace: string;
}

async function startTracedServer(dataDir: string): Promise<TracedServer> {
  const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-strace-')), 'trace');
  // Its own process group, killed whole: SIGKILL to strace alone detaches the server, which
  // then runs on without a parent (a leaked server stayed up twenty minutes after a CI run).
  const child = spawnTrackedChild(
    'strace',
    [
      '-f',
      '-qq',
      '-yy',
      '-xx',
      '-s',
      '8',
      '-e',
      'trace=write,writev,pwrite64,fdatasync,fsync',
      // Every sync takes 50 ms longer to return, as on a slow disk: a server that told anyone
      // before its sync returned would do so inside that window, where the trace shows it.
      '-e',
      'inject=fdatasync:delay_exit=50000',
      '-o',
      trace,
      process.execPath,
      ...npmStartNodeFlags(),
      SERVER_ENTRY,
    ],
    { env: childServerEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(async () => {
    await stopChildProcess(child, 'SIGKILL');
    if (!process.env.KEEP_TRACE) fs.rmSync(path.dirname(trace), { recursive: true, force: true });
  });
  const { url } = await serverListening(child);
  return { url, trace };
}

/**
 * Walks the trace in order, counting journal writes and how many of them a finished fdatasync
 * of the journal covers (those written before that sync began). A socket write carrying an
 * update (y-websocket sync message 0, update 2) or a SAVED answer (type 100) while some journal
 * write is not yet covered is a violation: the server told someone about an update that was not
 * on stable storage. The test's writer waits for each SAVED, so no honest overlap muddies this.
 */
function checkTrace(text: string): { violations: string[]; fannedOut: number; saved: number } {
  const violations: string[] = [];
  let written = 0;
  let synced = 0;
  const syncStartedAfter = new Map<string, number>(); // thread id -> journal writes before it
  let fannedOut = 0;
  let saved = 0;
  // strace -xx writes the file's path in hex too: a backslash, x, two digits, escaped for RegExp.
  const journal = [...Buffer.from('unitroom.journal')]
    .map((byte) => `\\\\x${byte.toString(16).padStart(2, '0')}`)
    .join('');
  const journalWrite = new RegExp(` (write|pwrite64)\\(\\d+<[^>]*${journal}>`);
  const journalSync = new RegExp(` f(data)?sync\\(\\d+<[^>]*${journal}>`);
  for (const line of text.split('\n')) {
    const thread = line.split(' ', 1)[0] ?? '';
    if (journalWrite.test(line)) {
      written += 1;
    } else if (journalSync.test(line)) {
      if (line.includes('<unfinished')) syncStartedAfter.set(thread, written);
      else if (/= 0( \(DELAYED\))?$/.test(line)) synced = written;
    } else if (/<\.\.\. f(data)?sync resumed>/.test(line) && syncStartedAfter.has(thread)) {
      if (/= 0( \(DELAYED\))?$/.test(line))
        synced = Math.max(synced, syncStartedAfter.get(thread) ?? 0);
      syncStartedAfter.delete(thread);
    } else if (/^\S+\s+(write|writev)\(\d+<TCP:/.test(line)) {
      // Server-to-client frames are unmasked: 0x82, a length byte, then the message.
      const update = /"\\x82\\x[0-9a-f]{2}\\x00\\x02|iov_base="\\x00\\x02/.test(line);
      const savedAnswer = /"\\x82\\x[0-9a-f]{2}\\x64|iov_base="\\x64/.test(line);
      if (update) fannedOut += 1;
      if (savedAnswer) saved += 1;
      if ((update || savedAnswer) && synced < written) violations.push(line);
    }
  }
  return { violations, fannedOut, saved };
}

describe.skipIf(!STRACE)(
  `durability: "Saved" survives a power cut ${STRACE ? '' : SKIP_REASON}`,
  () => {
    it('[J7] an update is fanned out and acknowledged only after an fdatasync of the journal that covers it', async () => {
      const dataDir = makeDataDir();
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const server = await startTracedServer(dataDir);
      const writerCookie = await signIn(server.url, 'sw@demo.test');
      const me = (await (
        await fetch(`${server.url}/api/me`, { headers: { cookie: writerCookie } })
      ).json()) as MeResponse;
      const docName = me.units[0]?.families[0]?.docName ?? '';
      const writer = connectYClient(server.url, docName, { cookie: writerCookie });
      const reader = connectYClient(server.url, docName, {
        cookie: await signIn(server.url, 'csw@demo.test'),
      });
      cleanups.push(
        () => writer.destroy(),
        () => reader.destroy(),
      );
      await Promise.all([writer.synced, reader.synced]);

      const commands = genogramCommands(writer.doc, userOrigin('sw'));
      const names = ['Irena Nowak', 'Pavel Nowak', 'Ola Nowak', 'Baby Nowak'];
      for (const name of names) {
        commands.addPerson({ name, gender: 'unknown' });
        await serverSaved(writer);
      }
      await eventually(() => {
        const people = reader.doc.getMap('genogram:people');
        expect(people.size).toBe(names.length);
      }, 10_000);

      // strace writes its log as it goes; what the reader saw is in it by now or very soon.
      let result = checkTrace('');
      await eventually(() => {
        result = checkTrace(fs.readFileSync(server.trace, 'utf8'));
        expect(result.fannedOut).toBeGreaterThanOrEqual(names.length);
        expect(result.saved).toBeGreaterThanOrEqual(names.length);
      }, 10_000);
      expect(result.violations).toEqual([]);
    });
  },
);
