import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_ROOTS,
  CLOSE_CODES,
  GENOGRAM_ROOTS,
  boardCommands,
  genogramCommands,
  readBoard,
  readGenogram,
  userOrigin,
  type HypothesisId,
  type PersonId,
} from '@unitroom/shared';
import {
  deleteSetUpdate,
  nestedMapsUpdate,
  replicaOf,
  sendUpdate,
  updateOf,
} from '../helpers/hostileWriter.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/** The production referee: no scratch roots. */
const STRICT = { collabAuthority: { allowUnknownRoots: false } };

interface Family {
  server: TestServer;
  docName: string;
  /** The social worker who built the genogram and the board. */
  worker: YClient;
  /** The consultant, watching: an honest client that must keep working. */
  bystander: YClient;
  people: PersonId[];
  hypotheses: HypothesisId[];
}

/** A family with 20 people and 4 hypotheses, all the social worker's, and a consultant present. */
async function family(store: { postgres?: { url: string } }): Promise<Family> {
  const server = await startTestServer({ ...store, config: STRICT });
  const docName = `family:${server.demo.familyIds[0]}`;
  const worker = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'sw@demo.test'),
  });
  const bystander = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'csw@demo.test'),
  });
  await Promise.all([worker.synced, bystander.synced]);
  const genogram = genogramCommands(worker.doc, userOrigin('sw'));
  const people: PersonId[] = [];
  for (let i = 0; i < 20; i += 1) people.push(genogram.addPerson({ name: `Person ${i + 1}` }));
  const board = boardCommands(worker.doc, userOrigin('sw'));
  const hypotheses: HypothesisId[] = [];
  for (let i = 0; i < 4; i += 1)
    hypotheses.push(board.addHypothesis({ text: `Hypothesis ${i + 1}`, offeredBy: 'sw' }));
  await serverSaved(worker);
  await eventually(() => expect(readBoard(bystander.doc).hypotheses).toHaveLength(4));
  return { server, docName, worker, bystander, people, hypotheses };
}

/** The honest clients still edit and see each other's edits, and were never closed. */
async function honestClientsKeepWorking(f: Family, label: string): Promise<void> {
  const id = genogramCommands(f.worker.doc, userOrigin('sw')).addPerson({ name: label });
  await serverSaved(f.worker);
  await eventually(() =>
    expect(readGenogram(f.bystander.doc).people.map((p) => p.id)).toContain(id),
  );
  expect(f.worker.provider.wsconnected).toBe(true);
  expect(f.bystander.provider.wsconnected).toBe(true);
}

async function storedCounts(f: Family): Promise<{ people: number; hypotheses: number }> {
  const stored = await loadStoredDoc(f.server, f.docName);
  return {
    people: readGenogram(stored).people.length,
    hypotheses: readBoard(stored).hypotheses.length,
  };
}

describeEachStore(
  'hostile writer: the server referees every update before it is applied, stored or sent on',
  (store) => {
    it('[V2] a 10-byte delete of another person’s whole client id range, kept pending for what they type next, is refused; what they type next survives', async () => {
      const f = await family(store);
      const victim = f.worker.doc.clientID;
      const reach = Y.getState(f.worker.doc.store, victim);
      // Past the end of what the victim wrote: Yjs would keep it pending and delete their next words.
      const pending = deleteSetUpdate([[victim, 0, reach + 100_000]]);
      expect(pending.byteLength).toBeLessThanOrEqual(12);
      const outcome = await sendUpdate(
        f.server.url,
        f.docName,
        await signIn(f.server.url, 'cp@demo.test'),
        pending,
      );
      expect(outcome).toEqual({ accepted: false, code: CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES });
      await honestClientsKeepWorking(f, 'Typed after the attack');
      const stored = await loadStoredDoc(f.server, f.docName);
      expect(stored.store.pendingDs).toBeNull();
      expect(readGenogram(stored).people.map((p) => p.name)).toContain('Typed after the attack');
      expect(await storedCounts(f)).toEqual({ people: 21, hypotheses: 4 });
    });

    it('[V3] a child practitioner’s 10-byte delete of everything the worker wrote (20 people, 4 hypotheses) is refused, from a raw frame and from a stock client', async () => {
      const f = await family(store);
      const victim = f.worker.doc.clientID;
      const wipe = deleteSetUpdate([[victim, 0, Y.getState(f.worker.doc.store, victim)]]);
      const cookie = await signIn(f.server.url, 'cp@demo.test');
      expect(await sendUpdate(f.server.url, f.docName, cookie, wipe)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
      });
      // The same as a sync answer (an offline backlog has a wider bound, never the whole family).
      expect(await sendUpdate(f.server.url, f.docName, cookie, wipe, { asBacklog: true })).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH,
      });

      // A stock client deleting every person in one transaction.
      const cp = connectYClient(f.server.url, f.docName, { cookie });
      await cp.synced;
      const genogram = genogramCommands(cp.doc, userOrigin('cp'));
      cp.doc.transact(() => {
        for (const person of f.people) genogram.deletePerson(person);
      });
      expect(await cp.refused).toBe(CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH);
      cp.destroy();

      await honestClientsKeepWorking(f, 'Still here');
      expect(await storedCounts(f)).toEqual({ people: 21, hypotheses: 4 });
      expect(readBoard(f.bystander.doc).hypotheses).toHaveLength(4);

      // One command's worth is what a child practitioner may do: one person goes.
      const honest = connectYClient(f.server.url, f.docName, { cookie });
      await honest.synced;
      genogramCommands(honest.doc, userOrigin('cp')).deletePerson(f.people[0]!);
      await serverSaved(honest);
      await eventually(() => expect(readGenogram(f.bystander.doc).people).toHaveLength(20));
      honest.destroy();
    });

    it('[V1] an update written with another person’s client id is refused, also after a restart', async () => {
      const f = await family(store);
      const victim = f.worker.doc.clientID;
      const cookie = await signIn(f.server.url, 'clinician@demo.test');
      const forge = async (server: TestServer, source: Y.Doc) => {
        const replica = replicaOf(source, victim);
        const update = updateOf(replica, () => {
          genogramCommands(replica, userOrigin('sw')).addPerson({ name: 'Forged' });
        });
        return sendUpdate(server.url, f.docName, cookie, update);
      };
      expect(await forge(f.server, f.worker.doc)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
      });

      // A stock client that takes the worker's id once synced.
      const stock = connectYClient(f.server.url, f.docName, { cookie });
      await stock.synced;
      const own = stock.doc.clientID;
      stock.doc.clientID = victim;
      genogramCommands(stock.doc, userOrigin('cl')).addPerson({ name: 'Forged too' });
      expect(await stock.refused).toBe(CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID);
      // Its awareness still speaks for its own id.
      stock.doc.clientID = own;
      stock.destroy();
      await honestClientsKeepWorking(f, 'After the forgery');

      const state = Y.encodeStateAsUpdate(f.worker.doc);
      f.worker.destroy();
      f.bystander.destroy();
      const restarted = await f.server.restart();
      const source = new Y.Doc();
      Y.applyUpdate(source, state);
      expect(await forge(restarted, source)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
      });
      const stored = await loadStoredDoc(restarted, f.docName);
      expect(readGenogram(stored).people.map((p) => p.name)).not.toContain('Forged');
      expect(readGenogram(stored).people.map((p) => p.name)).not.toContain('Forged too');
    });

    it('[V5] [V6] 6,000 nested maps are refused at the door, and a document that already holds them still reads', async () => {
      const f = await family(store);
      const deep = nestedMapsUpdate(GENOGRAM_ROOTS.people, 'deep0000000000000001', 6_000);
      expect(deep.byteLength).toBeGreaterThan(50_000);
      const outcome = await sendUpdate(
        f.server.url,
        f.docName,
        await signIn(f.server.url, 'clinician@demo.test'),
        deep,
      );
      expect(outcome).toEqual({ accepted: false, code: CLOSE_CODES.UPDATE_SHAPE_INVALID });
      await honestClientsKeepWorking(f, 'After the deep maps');
      expect(await storedCounts(f)).toEqual({ people: 21, hypotheses: 4 });

      // Stored before this rule existed (written here straight into a copy): readers still read.
      const old = replicaOf(f.worker.doc);
      Y.applyUpdate(old, deep);
      expect(() => readGenogram(old)).not.toThrow();
      expect(() => readBoard(old)).not.toThrow();
      expect(readGenogram(old).people).toHaveLength(21);
    });

    it('[V4] unknown roots and a map root written as a sequence are refused; known roots are not', async () => {
      const f = await family(store);
      const cookie = await signIn(f.server.url, 'clinician@demo.test');
      const scratch = new Y.Doc();
      const unknown = updateOf(scratch, () => scratch.getText('anything').insert(0, 'hidden'));
      expect(await sendUpdate(f.server.url, f.docName, cookie, unknown)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_SHAPE_INVALID,
      });
      const wrongUse = updateOf(scratch, () =>
        scratch.getArray(GENOGRAM_ROOTS.people).insert(0, ['x']),
      );
      expect(await sendUpdate(f.server.url, f.docName, cookie, wrongUse)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_SHAPE_INVALID,
      });
      // Removing an entity's field (a command writes null instead) is refused too.
      const replica = replicaOf(f.bystander.doc);
      const person = replica.getMap(GENOGRAM_ROOTS.people).get(f.people[3]!) as Y.Map<unknown>;
      const unkeyed = updateOf(replica, () => person.delete('name'));
      expect(await sendUpdate(f.server.url, f.docName, cookie, unkeyed)).toEqual({
        accepted: false,
        code: CLOSE_CODES.UPDATE_SHAPE_INVALID,
      });
      await honestClientsKeepWorking(f, 'After the shapes');
    });

    it('[V7] a clinician suggests and adds evidence, but does not rewrite or remove a worker’s hypothesis', async () => {
      const f = await family(store);
      const cookie = await signIn(f.server.url, 'clinician@demo.test');
      const clinician = connectYClient(f.server.url, f.docName, { cookie });
      await clinician.synced;
      const board = boardCommands(clinician.doc, userOrigin('cl'));
      board.addEvidence(f.hypotheses[0]!, 'for', 'Mia says her aunt collects her', 'cl');
      const suggestion = board.suggestHypothesis({ text: 'A suggestion', suggestedBy: 'cl' });
      board.addEvidence(suggestion, 'against', 'Seen once only', 'cl');
      await serverSaved(clinician);
      await eventually(() => {
        const seen = readBoard(f.worker.doc);
        expect(seen.hypotheses.map((h) => h.text)).toContain('A suggestion');
        expect(seen.hypotheses.find((h) => h.id === f.hypotheses[0])?.evidenceFor).toHaveLength(1);
      });

      // Taking back one's own evidence (an undo) is fine; the worker's hypothesis is untouched.
      const evidence = (
        clinician.doc.getMap(BOARD_ROOTS.hypotheses).get(f.hypotheses[0]!) as Y.Map<unknown>
      ).get('evidenceFor') as Y.Array<unknown>;
      evidence.delete(0, 1);
      await serverSaved(clinician);
      await eventually(() =>
        expect(
          readBoard(f.worker.doc).hypotheses.find((h) => h.id === f.hypotheses[0])?.evidenceFor,
        ).toEqual([]),
      );

      board.updateHypothesis(f.hypotheses[1]!, { text: 'Rewritten by the clinician' });
      expect(await clinician.refused).toBe(CLOSE_CODES.UPDATE_NOT_PERMITTED);
      clinician.destroy();

      const again = connectYClient(f.server.url, f.docName, { cookie });
      await again.synced;
      boardCommands(again.doc, userOrigin('cl')).deleteHypothesis(f.hypotheses[2]!);
      expect(await again.refused).toBe(CLOSE_CODES.UPDATE_NOT_PERMITTED);
      again.destroy();

      await honestClientsKeepWorking(f, 'After the clinician');
      const stored = readBoard(await loadStoredDoc(f.server, f.docName));
      expect(stored.hypotheses.map((h) => h.text)).toEqual([
        'Hypothesis 1',
        'Hypothesis 2',
        'Hypothesis 3',
        'Hypothesis 4',
        'A suggestion',
      ]);
    });
  },
);
