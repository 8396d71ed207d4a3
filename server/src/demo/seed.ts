import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { asFamilyId, asMeetingId, familyDocName, type MemberRole } from '@unitroom/shared';
import type { AccountLinks } from '../admin/accountLinks.js';
import { hashPassword } from '../auth/passwords.js';
import type { Actor, Administration } from '../admin/administration.js';
import type { Database } from '../db/schema.js';
import type { Families } from '../families/families.js';
import type { DocumentStore } from '../storage/documentStore.js';
import { DEMO_FAMILIES, demoFamilyUpdate, type DemoContext } from './families.js';

/** Everyone and everything here is fictional. */
export const DEMO_PASSWORD = 'unitroom-demo';

export const DEMO_MEMBERS: ReadonlyArray<{ email: string; name: string; role: MemberRole }> = [
  { email: 'csw@demo.test', name: 'Amara Okafor', role: 'consultant_social_worker' },
  { email: 'sw@demo.test', name: 'Tom Whitfield', role: 'social_worker' },
  { email: 'cp@demo.test', name: 'Priya Nair', role: 'child_practitioner' },
  { email: 'clinician@demo.test', name: 'Dr Jonah Bell', role: 'clinician' },
  { email: 'coordinator@demo.test', name: 'Sue Martins', role: 'unit_coordinator' },
  { email: 'manager@demo.test', name: 'Grace Adeyemi', role: 'manager' },
];

export interface SeededDemo {
  unitId: string;
  meetingId: string;
  familyIds: string[];
  userIds: Record<string, string>;
}

/** `YYYY-MM-DD` of `date` in local time: "today's meeting" is today where the unit sits. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * What `npm start` seeds on an empty store: `full` is the demo unit with its families' genograms
 * and boards filled in; `blank` the same unit, accounts, families and meeting with empty family
 * documents (what the end-to-end tests start from); `off` nothing.
 */
export type DemoSeed = 'full' | 'blank' | 'off';

/**
 * The services the demo is made through: the same ones the administration area, the set-up link
 * page and the family routes use, so `npm start` proves them.
 */
export interface DemoServices {
  db: Kysely<Database>;
  documents: DocumentStore;
  administration: Administration;
  links: AccountLinks;
  families: Families;
}

/** The demo is made by the server itself, as the command line makes the first administrator. */
const SEED_ACTOR: Actor = { actorId: null, ip: null, via: 'demo seed' };

/**
 * Seeds the demo unit if the store has no users at all. Returns null when seeding is off or there
 * was something already, so a real deployment's data is never touched and a restart never seeds
 * twice.
 */
export async function seedDemoIfEmpty(
  services: DemoServices,
  seed: DemoSeed,
  today: Date = new Date(),
): Promise<SeededDemo | null> {
  if (seed === 'off') return null;
  const existing = await services.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  return seedDemo(services, seed, today);
}

/**
 * The demo unit, made as a council would make theirs: the administration creates the unit and
 * its people (the consultant also administers the deployment, so `npm start` shows the
 * administration area, shared/SPEC.md [A1]) and gives each their role; each person chooses the
 * demo password through their set-up link; the consultant opens the families ([F6]). The full
 * demo then draws the rest of each genogram and board over what opening stored.
 *
 * The blank demo opens its families with empty genograms, as the end-to-end and integration
 * suites expect, so its children are bare records (as from before the genogram was their one
 * truth, [F2]): the suites draw the genogram themselves.
 */
export async function seedDemo(
  services: DemoServices,
  seed: 'full' | 'blank' = 'blank',
  today: Date = new Date(),
): Promise<SeededDemo> {
  const { administration, links, families, db } = services;
  const unit = await administration.createUnit(SEED_ACTOR, 'Northgate Unit 4');
  const userIds: Record<string, string> = {};
  const setupTokens: string[] = [];
  for (const member of DEMO_MEMBERS) {
    const added = await administration.addPerson(SEED_ACTOR, {
      name: member.name,
      email: member.email,
      administrator: member.role === 'consultant_social_worker',
    });
    userIds[member.email] = added.person.id;
    setupTokens.push(added.token);
    await administration.setMembership(SEED_ACTOR, unit.id, added.person.id, member.role);
  }
  // Everyone shares the demo password: hashed once (argon2 is slow on purpose), used six times.
  const hash = hashPassword(DEMO_PASSWORD);
  for (const token of setupTokens) await links.use(token, DEMO_PASSWORD, null, hash);

  const consultant = DEMO_MEMBERS.find((m) => m.role === 'consultant_social_worker')!;
  const opener = { id: userIds[consultant.email]!, name: consultant.name, ip: null };
  const familyIds: string[] = [];
  for (const family of DEMO_FAMILIES) {
    familyIds.push(
      await families.open(opener, unit.id, {
        name: family.name,
        children: seed === 'full' ? family.children.map((child) => ({ ...child })) : [],
      }),
    );
  }
  if (seed === 'blank') await addBareChildren(db, familyIds);

  const meetingId = newId();
  const now = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('meetings')
      .values({
        id: meetingId,
        unit_id: unit.id,
        title: 'Weekly unit meeting',
        date: localIsoDate(today),
        created_at: now,
      })
      .execute();
    for (const [position, familyId] of familyIds.entries()) {
      await tx
        .insertInto('agenda_items')
        .values({ meeting_id: meetingId, family_id: familyId, position, timebox_minutes: 45 })
        .execute();
    }
  });
  const demo = { unitId: unit.id, meetingId, familyIds, userIds };
  if (seed === 'full') await seedDemoDocuments(services.documents, demo, today);
  return demo;
}

const newId = () => randomUUID().replaceAll('-', '').slice(0, 20);

/** The blank demo's children: records with no person on the (empty) genogram yet. */
async function addBareChildren(db: Kysely<Database>, familyIds: readonly string[]): Promise<void> {
  for (const [index, family] of DEMO_FAMILIES.entries()) {
    const familyId = familyIds[index];
    if (familyId === undefined) continue;
    for (const child of family.children) {
      await db
        .insertInto('children')
        .values({
          id: newId(),
          family_id: familyId,
          name: child.name,
          birth_year: Number(child.birthDate.slice(0, 4)),
        })
        .execute();
    }
  }
}

/**
 * Writes the rest of each demo family's genogram and its board into its family document, over
 * what opening the family stored, through the document store the sync server loads from, so they
 * are served exactly like content typed in the browser.
 */
async function seedDemoDocuments(
  documents: DocumentStore,
  demo: SeededDemo,
  today: Date,
): Promise<void> {
  const nameOf = (role: MemberRole) => DEMO_MEMBERS.find((m) => m.role === role)?.name ?? role;
  const context: DemoContext = {
    names: {
      csw: nameOf('consultant_social_worker'),
      sw: nameOf('social_worker'),
      cp: nameOf('child_practitioner'),
      clinician: nameOf('clinician'),
    },
    meetingId: asMeetingId(demo.meetingId),
    day: (days) =>
      localIsoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days)),
  };
  for (const [index, family] of DEMO_FAMILIES.entries()) {
    const familyId = demo.familyIds[index];
    if (familyId === undefined) continue;
    const docName = familyDocName(asFamilyId(familyId));
    const opened = await documents.load(docName);
    await documents.append(docName, [demoFamilyUpdate(family, context, opened.entries)]);
  }
}
