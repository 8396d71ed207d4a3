import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { genogramCommands, readGenogram, userOrigin } from '@unitroom/shared';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';

const run = promisify(execFile);
const BACKUP_ENTRY = path.resolve(import.meta.dirname, '../../server/dist/backupMain.js');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(dataDir: string): Promise<ChildServer> {
  const server = await startChildServer(dataDir);
  cleanups.push(async () => {
    if (server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGKILL');
      await server.exited;
    }
  });
  return server;
}

async function familyDocName(url: string, cookie: string): Promise<string> {
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as {
    units: { families: { docName: string }[] }[];
  };
  const name = me.units[0]?.families[0]?.docName;
  if (!name) throw new Error('the demo unit has no family');
  return name;
}

const peopleOf = (doc: Parameters<typeof readGenogram>[0]) =>
  readGenogram(doc)
    .people.map((person) => person.name)
    .sort();

describe('operations: npm run backup copies a running SQLite store', () => {
  it('a backup taken while people type restores everything saved before it, from the journal too', async () => {
    const dataDir = makeDataDir();
    const backupDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-backup-')), 'b');
    cleanups.push(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });
    });
    const server = await started(dataDir);
    const cookie = await signIn(server.url, 'sw@demo.test');
    const docName = await familyDocName(server.url, cookie);
    const writer = connectYClient(server.url, docName, { cookie });
    cleanups.push(() => writer.destroy());
    await writer.synced;
    const commands = genogramCommands(writer.doc, userOrigin('sw'));
    commands.addPerson({ name: 'Nadia Kowalczyk', gender: 'female' });
    commands.addPerson({ name: 'Tomasz Kowalczyk', gender: 'male' });
    // Durable in the journal: the store commits it to SQLite only every 30 s.
    await serverSaved(writer);
    const saved = peopleOf(writer.doc);

    const { stdout } = await run(process.execPath, [BACKUP_ENTRY, backupDir], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    expect(stdout).toContain('backed up');
    // Typing goes on after the backup; the restored store must be the one of the backup's moment.
    commands.addPerson({ name: 'After the backup', gender: 'unknown' });
    await serverSaved(writer);

    const restored = await started(backupDir);
    const reader = connectYClient(restored.url, docName, {
      cookie: await signIn(restored.url, 'csw@demo.test'),
    });
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(peopleOf(reader.doc)).toEqual(saved);
    expect(peopleOf(reader.doc)).toContain('Nadia Kowalczyk');
  });

  it('refuses a target folder that is not empty, and changes nothing in it', async () => {
    const dataDir = makeDataDir();
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'unitroom-backup-'));
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
    cleanups.push(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(target, { recursive: true, force: true });
    });
    const server = await started(dataDir);
    expect(server.port).toBeGreaterThan(0);
    const failure = await run(process.execPath, [BACKUP_ENTRY, target], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('not empty');
    expect(fs.readdirSync(target)).toEqual(['keep.txt']);
  });
});
