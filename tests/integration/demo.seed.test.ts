import { describe, expect, it, onTestFinished } from 'vitest';
import {
  SCHEMA_VERSION,
  currentUnionStatus,
  readBoard,
  readGenogram,
  readSchemaVersion,
  validateBoard,
  validateGenogram,
  type Board,
  type Genogram,
  type MeResponse,
} from '@unitroom/shared';
import { startChildServer } from '../helpers/childServer.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient } from '../helpers/yClient.js';

/** A family document as a stock y-websocket client sees it, read through the shared readers. */
async function openFamily(
  server: { url: string },
  familyId: string,
  cookie: string,
): Promise<{ genogram: Genogram; board: Board; schemaVersion: number }> {
  const client = connectYClient(server.url, `family:${familyId}`, { cookie });
  await client.synced;
  const read = {
    genogram: readGenogram(client.doc),
    board: readBoard(client.doc),
    schemaVersion: readSchemaVersion(client.doc),
  };
  client.destroy();
  return read;
}

const names = (genogram: Genogram, ids: readonly string[]) =>
  ids.map((id) => genogram.people.find((p) => p.id === id)?.name);

async function storeCounts(server: TestServer) {
  const db = server.app.persistence.db;
  const count = async (table: 'units' | 'users' | 'families' | 'children' | 'meetings') =>
    Number(
      (await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );
  const entries: number[] = [];
  for (const familyId of server.demo.familyIds) {
    entries.push(
      (await server.app.persistence.documents.load(`family:${familyId}`)).entries.length,
    );
  }
  return {
    units: await count('units'),
    users: await count('users'),
    families: await count('families'),
    children: await count('children'),
    meetings: await count('meetings'),
    familyDocumentEntries: entries,
  };
}

describeEachStore('the full demo seed: a living family on a fresh store', ({ postgres }) => {
  it('[K1] every demo family opens through a stock client with a valid genogram and board; the Oseis in three generations', async () => {
    const server = await startTestServer({ postgres, config: { seedDemo: 'full' } });
    expect(server.app.demo).not.toBeNull();
    const cookie = await signIn(server.url, 'csw@demo.test');
    const db = server.app.persistence.db;

    // [K1] Made through the services a council uses: the administration made the unit and its
    // people, each chose the password through their set-up link, the consultant opened the
    // families, and each child on the records is a person on the genogram.
    const trail = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .orderBy('id')
      .execute();
    const count = (action: string) => trail.filter((row) => row.action === action).length;
    expect(count('admin.unit-created')).toBe(1);
    expect(count('admin.person-added')).toBe(6);
    expect(count('admin.membership-set')).toBe(6);
    expect(count('account.password-set')).toBe(6);
    expect(
      trail.filter((row) => row.action === 'family.opened').map((row) => row.actor_user_id),
    ).toEqual(Array(3).fill(server.demo.userIds['csw@demo.test']));
    const unlinked = await db
      .selectFrom('children')
      .select('name')
      .where('person_id', 'is', null)
      .execute();
    expect(unlinked).toEqual([]);
    const links = await db.selectFrom('account_links').select('used_at').execute();
    expect(links.map((link) => link.used_at !== null)).toEqual(Array(6).fill(true));

    const shapes = [];
    for (const familyId of server.demo.familyIds) {
      const { genogram, board, schemaVersion } = await openFamily(server, familyId, cookie);
      expect(schemaVersion).toBe(SCHEMA_VERSION);
      expect(validateGenogram(genogram)).toEqual([]);
      expect(validateBoard(board, genogram)).toEqual([]);
      // Every child in the family's records is on its genogram, as a child of concern.
      const children = await db
        .selectFrom('children')
        .select('name')
        .where('family_id', '=', familyId)
        .execute();
      expect(children.length).toBeGreaterThan(0);
      for (const child of children) {
        expect(genogram.people.find((p) => p.name === child.name)?.childOfConcern).toBe(true);
      }
      expect(genogram.people.length).toBeGreaterThanOrEqual(6);
      expect(genogram.households.length).toBeGreaterThan(0);
      expect(genogram.ecomap.map((e) => e.kind)).toContain('school');
      expect(board.hypotheses.length).toBeGreaterThanOrEqual(2);
      for (const hypothesis of board.hypotheses) {
        expect(hypothesis.evidenceFor.length + hypothesis.evidenceAgainst.length).toBeGreaterThan(
          0,
        );
      }
      expect(board.conversations.some((c) => c.questions.length > 0)).toBe(true);
      shapes.push(`${genogram.people.length}/${genogram.unions.length}/${board.hypotheses.length}`);
    }
    // Three families, three different shapes.
    expect(new Set(shapes).size).toBe(3);

    const osei = await openFamily(server, server.demo.familyIds[2]!, cookie);
    const person = (name: string) => {
      const found = osei.genogram.people.find((p) => p.name === name);
      expect(found, name).toBeDefined();
      return found!;
    };
    const kofi = person('Kofi Osei');
    const akosua = person('Akosua Osei');
    const ama = person('Ama Osei');
    const daniel = person('Daniel Mensah');
    const ryan = person('Ryan Fletcher');
    const kwame = person('Kwame Osei');
    const abena = person('Abena Osei');
    expect(kofi.deceased).toBe(true);
    expect(osei.genogram.ecomap.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['school', 'gp']),
    );
    const unionOf = (a: string, b: string) =>
      osei.genogram.unions.find(
        (u) => [u.partnerA, u.partnerB].sort().join() === [a, b].sort().join(),
      );
    expect(unionOf(kofi.id, akosua.id)).toBeDefined();
    expect(currentUnionStatus(unionOf(daniel.id, ama.id)!)).toBe('separated');
    expect(currentUnionStatus(unionOf(ryan.id, ama.id)!)).toBe('together');
    // Three generations: Kofi and Akosua's daughter Ama, and her children with Daniel.
    const parentsOf = (child: string) =>
      osei.genogram.childLinks
        .filter((l) => l.child === child)
        .map((l) => l.union && osei.genogram.unions.find((u) => u.id === l.union))
        .map((u) => u && names(osei.genogram, [u.partnerA, u.partnerB]).sort());
    expect(parentsOf(ama.id)).toEqual([['Akosua Osei', 'Kofi Osei']]);
    expect(parentsOf(kwame.id)).toEqual([['Ama Osei', 'Daniel Mensah']]);
    expect(parentsOf(abena.id)).toEqual([['Ama Osei', 'Daniel Mensah']]);
    expect(parentsOf(person('Baby Osei').id)).toEqual([['Ama Osei', 'Ryan Fletcher']]);
    expect(
      osei.genogram.relationships.map((r) => [r.kind, ...names(osei.genogram, [r.a, r.b])]),
    ).toEqual(
      expect.arrayContaining([
        ['conflictual', 'Ama Osei', 'Ryan Fletcher'],
        ['close', 'Kwame Osei', 'Akosua Osei'],
      ]),
    );
    expect(names(osei.genogram, osei.genogram.households[0]!.members)).toEqual([
      'Ama Osei',
      'Ryan Fletcher',
      'Kwame Osei',
      'Abena Osei',
      'Baby Osei',
    ]);

    expect(osei.board.hypotheses).toHaveLength(3);
    expect(osei.board.conversations).toHaveLength(1);
    const conversation = osei.board.conversations[0]!;
    expect(conversation.plannedInMeeting).toBe(server.demo.meetingId);
    expect(names(osei.genogram, conversation.familyMembers)).toEqual(['Kwame Osei', 'Akosua Osei']);
    expect(conversation.questions).toHaveLength(3);
    const suggested = osei.board.questions.filter((q) => q.state === 'suggested');
    expect(suggested).toEqual([
      expect.objectContaining({
        kind: 'circular',
        suggestedBy: 'Dr Jonah Bell',
        addressedTo: kwame.id,
        conversationId: conversation.id,
      }),
    ]);
  });

  it('a restart on the same store seeds nothing again', async () => {
    const first = await startTestServer({ postgres, config: { seedDemo: 'full' } });
    const cookie = await signIn(first.url, 'sw@demo.test');
    const before = await storeCounts(first);
    const read = await openFamily(first, first.demo.familyIds[0]!, cookie);
    expect(before).toMatchObject({ units: 1, users: 6, families: 3, children: 6, meetings: 1 });

    const second = await first.restart();
    expect(second.app.demo).toBeNull();
    const after = await storeCounts(second);
    expect({ ...after, familyDocumentEntries: [] }).toEqual({
      ...before,
      familyDocumentEntries: [],
    });
    // Nothing appended: the family opened above may only have been compacted on unloading.
    after.familyDocumentEntries.forEach((entries, index) =>
      expect(entries).toBeLessThanOrEqual(before.familyDocumentEntries[index]!),
    );
    const again = await openFamily(
      second,
      second.demo.familyIds[0]!,
      await signIn(second.url, 'sw@demo.test'),
    );
    expect(again.genogram).toEqual(read.genogram);
    expect(again.board).toEqual(read.board);
  });
});

describeEachStore('servers that do not ask for the full demo', ({ postgres }) => {
  it('a blank demo seed and the test servers leave every family document empty', async () => {
    for (const seedDemo of ['blank', 'off'] as const) {
      const server = await startTestServer({ postgres, config: { seedDemo } });
      const cookie = await signIn(server.url, 'csw@demo.test');
      for (const familyId of server.demo.familyIds) {
        const { genogram, board } = await openFamily(server, familyId, cookie);
        expect(genogram.people).toEqual([]);
        expect(board.hypotheses).toEqual([]);
      }
      await server.stop();
    }
  });
});

describe('the built server, as `npm start` runs it', () => {
  it('seeds the full demo by default outside production, and none of its content with SEED_DEMO=blank', async () => {
    for (const [seed, people] of [
      ['', true],
      ['blank', false],
    ] as const) {
      const server = await startChildServer(makeDataDir(), { SEED_DEMO: seed });
      onTestFinished(async () => {
        server.process.kill('SIGTERM');
        await server.exited;
      });
      const cookie = await signIn(server.url, 'csw@demo.test');
      const me = (await (
        await fetch(`${server.url}/api/me`, { headers: { cookie } })
      ).json()) as MeResponse;
      const families = me.units[0]?.families ?? [];
      expect(families.map((f) => f.name)).toEqual([
        'Harper family',
        'Kowalski-Reid family',
        'Osei family',
      ]);
      for (const family of families) {
        const { genogram, board } = await openFamily(server, family.id, cookie);
        expect(genogram.people.length > 0, `${family.name}, SEED_DEMO=${seed}`).toBe(people);
        expect(board.hypotheses.length > 0).toBe(people);
      }
    }
  });
});
