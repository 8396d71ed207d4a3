import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it, onTestFinished } from 'vitest';
import type { AdminUnit, MeResponse } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import { startChildServer } from '../helpers/childServer.js';
import { dropPostgresSchema, describeEachStore, postgresTestSchema } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Built by tests/globalSetup.ts, as `npm run admin` runs it. */
const CLI = path.resolve(here, '../../server/dist/cli/admin.js');

async function admin(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describeEachStore('npm run admin: first run of an empty production store', (store) => {
  it('[A10] create-admin prints a one-time set-up link; the administrator sets a password, signs in and creates a unit', async () => {
    const dataDir = makeDataDir();
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://unitroom.council.test',
    };
    if (store.postgres) {
      const schema = postgresTestSchema('cli');
      env.DATABASE_URL = store.postgres.url;
      env.DATABASE_SCHEMA = schema;
      onTestFinished(() => dropPostgresSchema(store.postgres?.url ?? '', schema));
    }
    const created = await admin(
      env,
      'create-admin',
      '--email',
      'Head.Of.Service@Council.test',
      '--name',
      'Helen Ortiz',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(
      'Administrator Helen Ortiz <head.of.service@council.test> created.',
    );
    const link = /https:\/\/unitroom\.council\.test\/account\/set-password#(\S+)/.exec(
      created.stdout,
    );
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';

    // The same address twice: refused, and says why.
    const again = await admin(
      env,
      'create-admin',
      '--email',
      'head.of.service@council.test',
      '--name',
      'X',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('email_taken');
    const usage = await admin(env, 'create-admin', '--email', 'a@b.test');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage');

    // A production server on the same store: no demo, nobody else.
    const server = await startChildServer(dataDir, {
      ...env,
      NODE_ENV: 'production',
      SEED_DEMO: '',
    });
    onTestFinished(async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    });
    const set = await api(server.url, '', 'POST', '/account/link', {
      token,
      password: 'a long enough passphrase',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(204);
    const cookie = await signIn(
      server.url,
      'head.of.service@council.test',
      'a long enough passphrase',
    );
    const me = await api<MeResponse>(server.url, cookie, 'GET', '/me');
    expect(me.body.user).toMatchObject({ name: 'Helen Ortiz', administrator: true });
    expect(me.body.units).toEqual([]);
    const unit = await api<AdminUnit>(server.url, cookie, 'POST', '/admin/units', {
      name: 'Unit 1',
    });
    expect(unit.status).toBe(201);
    // The link was spent.
    expect(
      (
        await api(server.url, '', 'POST', '/account/link', {
          token,
          password: 'another passphrase',
        })
      ).status,
    ).toBe(410);

    // A forgotten password: a new link from the shell.
    const reset = await admin(env, 'reset-link', '--email', 'head.of.service@council.test');
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/set-password#\S+/);
    const unknown = await admin(env, 'reset-link', '--email', 'nobody@council.test');
    expect(unknown.code).toBe(1);
  }, 90_000); // four runs of the command-line tool and a server, each a process start
});
