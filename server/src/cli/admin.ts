import path from 'node:path';
import { parseArgs } from 'node:util';
import { accountLinkUrl } from '@unitroom/shared';
import { InProcessRevocations } from '../revocation/revocations.js';
import { AccountLinks } from '../admin/accountLinks.js';
import { Administration } from '../admin/administration.js';
import { AdminError } from '../admin/errors.js';
import { AuditLog } from '../audit/auditLog.js';
import { openPostgresPersistence } from '../db/openPostgres.js';
import { openSqlitePersistence } from '../db/sqlite.js';

/**
 * `npm run admin -- <command>`: the deployment's administration from the server's shell, for
 * what cannot be done in the app before anyone can sign in ([A10]). Like `main.ts`, an entry
 * point, so it reads the environment: the same DATA_DIR, DATABASE_URL and DATABASE_SCHEMA as
 * the server, and PUBLIC_URL (else the first ALLOWED_ORIGINS, else http://localhost:PORT) for
 * the links it prints.
 *
 *   create-admin --email EMAIL --name NAME   adds an administrator; prints their set-up link
 *   reset-link --email EMAIL                 prints a new one-time link for an existing person
 */
const USAGE = `Usage:
  npm run admin -- create-admin --email EMAIL --name "FULL NAME"
  npm run admin -- reset-link --email EMAIL`;

const env = process.env;

function publicUrl(): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const firstOrigin = env.ALLOWED_ORIGINS?.split(',')
    .map((o) => o.trim())
    .find(Boolean);
  return firstOrigin ?? `http://localhost:${env.PORT ?? 3000}`;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create-admin' && command !== 'reset-link') {
    console.error(USAGE);
    return 2;
  }
  if (!values.email || (command === 'create-admin' && !values.name)) {
    console.error(USAGE);
    return 2;
  }
  const persistence = env.DATABASE_URL
    ? await openPostgresPersistence({
        connectionString: env.DATABASE_URL,
        schema: env.DATABASE_SCHEMA || undefined,
      })
    : // No journal: a running server may own it; this command writes relational rows only.
      await openSqlitePersistence(path.resolve(env.DATA_DIR ?? './data'), undefined, {
        journal: false,
      });
  try {
    const { db } = persistence;
    const audit = new AuditLog(db, (message, error) => console.error(message, error ?? ''));
    // Nobody is connected to this process; a running server ends sessions on its own checks.
    const revocations = new InProcessRevocations();
    const links = new AccountLinks({ db, audit, revocations });
    const administration = new Administration({ db, audit, revocations, links });
    const cli = { actorId: null, ip: null };
    if (command === 'create-admin') {
      const added = await administration.createFirstAdministrator({
        email: values.email,
        name: values.name ?? '',
      });
      console.log(`Administrator ${added.person.name} <${added.person.email}> created.`);
      printLink(added.token, added.expiresAt);
    } else {
      const person = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', values.email.trim().toLowerCase())
        .executeTakeFirst();
      if (!person) {
        console.error(`Nobody has the email address ${values.email}.`);
        return 1;
      }
      const link = await administration.issueResetLink(cli, person.id);
      printLink(link.token, link.expiresAt);
    }
    return 0;
  } catch (error) {
    if (error instanceof AdminError) {
      console.error(`Refused (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await persistence.close();
  }
}

function printLink(token: string, expiresAt: string): void {
  console.log('Send them this one-time link to choose a password (it works once):');
  console.log(`  ${accountLinkUrl(publicUrl(), token)}`);
  console.log(`It expires at ${expiresAt}.`);
}

process.exitCode = await main(process.argv.slice(2));
