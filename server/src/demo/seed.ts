import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { asFamilyId, asMeetingId, familyDocName, type MemberRole } from '@unitroom/shared';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';
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
 * Seeds the demo unit if the store has no users at all. Returns null when seeding is off or there
 * was something already, so a real deployment's data is never touched and a restart never seeds
 * twice.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  documents: DocumentStore,
  seed: DemoSeed,
  today: Date = new Date(),
): Promise<SeededDemo | null> {
  if (seed === 'off') return null;
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const demo = await seedDemo(db, today);
  if (seed === 'full') await seedDemoDocuments(documents, demo, today);
  return demo;
}

/**
 * Writes each demo family's genogram and board into its family document, through the document
 * store the sync server loads from, so they are served exactly like content typed in the browser.
 */
export async function seedDemoDocuments(
  documents: DocumentStore,
  demo: SeededDemo,
  today: Date = new Date(),
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
    await documents.append(familyDocName(asFamilyId(familyId)), [
      demoFamilyUpdate(family, context),
    ]);
  }
}

export async function seedDemo(
  db: Kysely<Database>,
  today: Date = new Date(),
): Promise<SeededDemo> {
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const id = () => randomUUID().replaceAll('-', '').slice(0, 20);
  const unitId = id();
  const meetingId = id();
  const userIds: Record<string, string> = {};
  const familyIds: string[] = [];

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('units')
      .values({ id: unitId, name: 'Northgate Unit 4', created_at: now })
      .execute();
    for (const member of DEMO_MEMBERS) {
      const userId = id();
      userIds[member.email] = userId;
      await tx
        .insertInto('users')
        .values({
          id: userId,
          email: member.email,
          name: member.name,
          password_hash: passwordHash,
          created_at: now,
          // The demo's consultant also administers the deployment, so `npm start` shows the
          // administration area (shared/SPEC.md [A1]).
          administrator: member.role === 'consultant_social_worker' ? 1 : 0,
        })
        .execute();
      await tx
        .insertInto('memberships')
        .values({
          unit_id: unitId,
          user_id: userId,
          role: member.role,
          created_at: now,
          removed_at: null,
        })
        .execute();
    }
    for (const family of DEMO_FAMILIES) {
      const familyId = id();
      familyIds.push(familyId);
      await tx
        .insertInto('families')
        .values({ id: familyId, unit_id: unitId, name: family.name, created_at: now })
        .execute();
      for (const child of family.children) {
        await tx
          .insertInto('children')
          .values({ id: id(), family_id: familyId, name: child.name, birth_year: child.birthYear })
          .execute();
      }
    }
    await tx
      .insertInto('meetings')
      .values({
        id: meetingId,
        unit_id: unitId,
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
  return { unitId, meetingId, familyIds, userIds };
}
