import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MemberRole } from '@unitroom/shared';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';

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

const DEMO_FAMILIES: ReadonlyArray<{
  name: string;
  children: ReadonlyArray<{ name: string; birthYear: number }>;
}> = [
  {
    name: 'Harper family',
    children: [
      { name: 'Mia Harper', birthYear: 2014 },
      { name: 'Leo Harper', birthYear: 2019 },
    ],
  },
  { name: 'Kowalski-Reid family', children: [{ name: 'Zofia Kowalski-Reid', birthYear: 2010 }] },
  {
    name: 'Osei family',
    children: [
      { name: 'Kwame Osei', birthYear: 2012 },
      { name: 'Abena Osei', birthYear: 2016 },
      { name: 'Baby Osei', birthYear: 2026 },
    ],
  },
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
 * Seeds the demo unit if the store has no users at all. Returns null when there was something
 * already, so a real deployment's data is never touched.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  today: Date = new Date(),
): Promise<SeededDemo | null> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  return seedDemo(db, today);
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
