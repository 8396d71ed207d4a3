import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  GENOGRAM_ROOTS,
  GenogramRuleError,
  ID_PATTERN,
  createGenogramUndoManager,
  currentUnionStatus,
  defaultPerson,
  emptyGenogram,
  genogramCommands,
  genogramRoot,
  randomId,
  readGenogram,
  userOrigin,
  validateGenogram,
  type ChildLinkId,
  type Genogram,
  type PersonId,
  type RelationshipId,
  type UnionId,
} from '@unitroom/shared';
import { familyDoc, seedPinners, sequentialIds } from '../helpers/familyDoc.js';
import { TestNetwork } from '../helpers/network.js';

/** Asserts a refusal: the rule's error, its message, and not one byte written. */
function expectRefused(
  doc: Y.Doc,
  command: () => unknown,
  rule: string,
  message?: string | RegExp,
) {
  const before = Y.encodeStateAsUpdate(doc);
  let updates = 0;
  const count = () => (updates += 1);
  doc.on('update', count);
  try {
    let thrown: unknown;
    try {
      command();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GenogramRuleError);
    expect((thrown as GenogramRuleError).rule).toBe(rule);
    if (message) expect((thrown as Error).message).toMatch(message);
  } finally {
    doc.off('update', count);
  }
  expect(updates).toBe(0);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

const valid = (genogram: Genogram) => expect(validateGenogram(genogram)).toEqual([]);

/** Two replicas of one family on a controllable network, each with its own user. */
function twoReplicas() {
  const net = new TestNetwork(2, 7);
  const ana = familyDoc(net.replica(0).doc, 'user-ana', sequentialIds('a'));
  const ben = familyDoc(net.replica(1).doc, 'user-ben', sequentialIds('b'));
  return { net, ana, ben };
}

describe('genogram: people', () => {
  it('[G10] a command is one transaction with the caller’s origin, and returns the new id', () => {
    const { doc, origin, commands, read } = familyDoc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const id = commands.addPerson({ name: 'Mia', gender: 'female', age: 7 });
    expect(origins).toEqual([origin]);
    expect(origins[0]).toBe(origin);
    expect(read().people).toEqual([
      expect.objectContaining({ id, name: 'Mia', gender: 'female', age: 7, deceased: false }),
    ]);
    expect(read().people[0]?.attributes.culture).toBe('');
  });

  it('[G10] every command runs as one transaction at most, always with the caller’s origin', () => {
    const { doc, origin, commands, read } = familyDoc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const called = new Set<string>();
    const c = new Proxy(commands, {
      get: (target, name: string) => {
        const command = target[name as keyof typeof target] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const before = origins.length;
          const result = command(...args);
          expect(origins.length - before, name).toBeLessThanOrEqual(1);
          called.add(name);
          return result;
        };
      },
    });
    const f = seedPinners(c);
    c.updatePerson(f.mia, { age: 8 });
    c.updateUnion(f.parents, { kind: 'marriage' });
    c.addUnionEvent(f.parents, 'separated', '2022');
    c.removeUnionEvent(f.parents, 0);
    const jade = c.addParent(f.dean, { kind: 'kinship' }).parent;
    const exPartner = c.addPartner(f.dean, {
      partner: { name: 'Tara Vance' },
      kind: 'cohabitation',
    });
    c.deleteUnion(exPartner.union);
    const grandparents = c.addParents(f.dean);
    const sibling = c.addSibling(f.mia, { twin: 'fraternal' });
    const step = c.linkChild(f.mia, { parent: jade }, { kind: 'step' });
    c.updateChildLink(step, { kind: 'kinship' });
    c.deleteChildLink(step);
    const rel = c.addRelationship({ a: f.mia, b: f.dean, kind: 'distant' });
    c.updateRelationship(rel, { kind: 'close' });
    c.deleteRelationship(rel);
    const flat = c.addHousehold({ members: [f.mia] });
    c.updateHousehold(flat, { label: 'Flat' });
    c.setHouseholdMember(flat, f.leo, true);
    c.deleteHousehold(flat);
    const gp = c.addEcomapEntry({ label: 'GP', kind: 'gp', tie: 'strong' });
    c.updateEcomapEntry(gp, { connectedTo: [f.kelly] });
    c.deleteEcomapEntry(gp);
    c.setParentalResponsibility(f.kelly, f.mia, 'birth mother');
    c.removeParentalResponsibility(f.kelly, f.mia);
    const restriction = c.addContactRestriction({ person: f.dean });
    c.removeContactRestriction(restriction);
    c.setNudge(f.mia, 1, 2);
    c.clearNudge(f.mia);
    c.deleteUnion(grandparents.union);
    c.deletePerson(sibling.person);
    expect([...called].sort()).toEqual(Object.keys(commands).sort());
    expect(origins.length).toBeGreaterThan(called.size);
    for (const seen of origins) expect(seen).toBe(origin);
    valid(read());
  });

  it('[G11] default ids are random and match ID_PATTERN; a repeated or malformed id is refused', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    const doc = new Y.Doc();
    const defaults = genogramCommands(doc, userOrigin('user-ana'));
    expect(defaults.addPerson()).toMatch(ID_PATTERN);

    const repeating = genogramCommands(doc, userOrigin('user-ana'), { newId: () => 'same' });
    repeating.addPerson();
    expect(() => repeating.addPerson()).toThrow(/already in use/);
    const malformed = genogramCommands(doc, userOrigin('user-ana'), { newId: () => 'a b' });
    expect(() => malformed.addPerson()).toThrow(/malformed/);
    expect(readGenogram(doc).people).toHaveLength(2);
  });

  it('[G1] invalid details are refused with a message and change nothing', () => {
    const { doc, commands } = familyDoc();
    expectRefused(doc, () => commands.addPerson({ age: 200 }), 'G1', /person is not valid \(age\)/);
    const mia = commands.addPerson({ name: 'Mia' });
    expectRefused(doc, () => commands.updatePerson(mia, { birthDate: 'last spring' }), 'G1');
    expectRefused(
      doc,
      () => commands.updatePerson(mia, { attributes: { culture: 'x'.repeat(201) } }),
      'G1',
    );
  });

  it('[G12] an update writes only the fields it changes, attributes one by one', () => {
    const { doc, commands, read } = familyDoc();
    const mia = commands.addPerson({ name: 'Mia', attributes: { language: 'English' } });
    const written: string[] = [];
    genogramRoot(doc, 'people').observeDeep((events) => {
      for (const event of events)
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) written.push(key);
    });
    commands.updatePerson(mia, {
      name: 'Mia',
      age: 7,
      gender: undefined,
      attributes: { culture: 'Irish Traveller', language: 'English' },
    });
    expect(written.sort()).toEqual(['age', 'culture']);
    expect(read().people[0]).toMatchObject({
      name: 'Mia',
      age: 7,
      attributes: { culture: 'Irish Traveller', language: 'English' },
    });
    written.length = 0;
    commands.updatePerson(mia, { name: 'Mia' });
    expect(written).toEqual([]);
  });

  it('[G18] concurrent edits of different fields of one person both survive; one field gets one value', () => {
    const { net, ana, ben } = twoReplicas();
    const mia = ana.commands.addPerson({ name: 'Mia' });
    net.flushAll();
    ana.commands.updatePerson(mia, { age: 7, attributes: { religion: 'Muslim' } });
    ben.commands.updatePerson(mia, { childOfConcern: true, attributes: { language: 'Urdu' } });
    ana.commands.updatePerson(mia, { notes: 'from Ana' });
    ben.commands.updatePerson(mia, { notes: 'from Ben' });
    net.flushAll();
    expect(ana.read()).toEqual(ben.read());
    expect(ana.read().people[0]).toMatchObject({
      age: 7,
      childOfConcern: true,
      attributes: { religion: 'Muslim', language: 'Urdu' },
    });
    expect(['from Ana', 'from Ben']).toContain(ana.read().people[0]?.notes);
  });

  it('[G13] deleting a person removes their unions, links, relationships, memberships, legal entries and nudge', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const school = commands.addEcomapEntry({
      label: 'Hillside Primary',
      kind: 'school',
      tie: 'strong',
      connectedTo: [f.mia],
    });
    const family = commands.addEcomapEntry({
      label: 'Housing',
      kind: 'housing',
      tie: 'stressful',
      connectedTo: [f.dean, f.kelly],
    });
    commands.addRelationship({ a: f.mia, b: f.dean, kind: 'close' });
    commands.addRelationship({ a: f.kelly, b: f.pat, kind: 'conflictual' });
    const home = commands.addHousehold({ label: 'Flat', members: [f.kelly, f.mia, f.leo] });
    commands.setParentalResponsibility(f.kelly, f.mia, 'birth mother');
    commands.setParentalResponsibility(f.kelly, f.leo, 'birth mother');
    commands.addContactRestriction({ person: f.dean, child: f.mia, note: 'supervised only' });
    commands.addContactRestriction({ person: f.ron, child: null, note: 'no contact' });
    commands.setNudge(f.mia, 10, 0);
    commands.setNudge(f.leo, -5, 0);
    commands.addParent(f.mia, { kind: 'kinship', person: { name: 'Aunt Jade' } });

    commands.deletePerson(f.mia);
    const g = read();
    valid(g);
    expect(g.people.map((p) => p.name)).not.toContain('Mia');
    expect(g.childLinks.some((l) => l.child === f.mia)).toBe(false);
    expect(g.relationships.map((r) => r.kind)).toEqual(['conflictual']);
    expect(g.households.find((h) => h.id === home)?.members).toEqual([f.kelly, f.leo]);
    expect(g.ecomap.map((e) => e.id)).toEqual([family]);
    expect(g.ecomap.find((e) => e.id === school)).toBeUndefined();
    expect(g.parentalResponsibility.map((p) => p.child)).toEqual([f.leo]);
    expect(g.contactRestrictions.map((c) => c.person)).toEqual([f.ron]);
    expect(Object.keys(g.nudges)).toEqual([f.leo]);

    commands.deletePerson(f.ron);
    const after = read();
    valid(after);
    expect(after.unions.map((u) => u.id)).toEqual([f.parents]);
    expect(after.contactRestrictions).toEqual([]);
    // Nothing that named Mia or Ron is left in storage either, not only in what is read.
    const stored = JSON.stringify(Object.values(GENOGRAM_ROOTS).map((r) => doc.getMap(r)));
    expect(stored).not.toContain(f.mia);
    expect(stored).not.toContain(f.ron);
  });

  it('[G13] the children of a deleted person’s union stay with the other partner, same kind and twins', () => {
    const { commands, read } = familyDoc();
    const f = seedPinners(commands);
    const twin = commands.addChild({ union: f.parents }, { twinOf: f.leo, identical: true });
    commands.deletePerson(f.dean);
    const g = read();
    valid(g);
    expect(g.unions.map((u) => u.id)).toEqual([f.grandparents]);
    const fromKelly = g.childLinks.filter((l) => l.parent === f.kelly);
    expect(fromKelly.map((l) => l.child).sort()).toEqual([f.mia, f.leo, twin.person].sort());
    expect(fromKelly.every((l) => l.kind === 'birth' && l.union === null)).toBe(true);
    const twins = fromKelly.filter((l) => l.twinGroup !== null);
    expect(twins).toHaveLength(2);
    expect(twins.every((l) => l.identical)).toBe(true);
  });

  it('[G13] a moved link is removed instead when the child already hangs from that partner alone', () => {
    const { commands, read } = familyDoc();
    const f = seedPinners(commands);
    commands.linkChild(f.mia, { parent: f.kelly }, { kind: 'kinship' });
    commands.deletePerson(f.dean);
    const miaLinks = read().childLinks.filter((l) => l.child === f.mia);
    expect(miaLinks).toEqual([expect.objectContaining({ parent: f.kelly, kind: 'kinship' })]);
    valid(read());
  });

  it('[G10] naming someone no longer on the genogram is refused', () => {
    const { doc, commands } = familyDoc();
    const f = seedPinners(commands);
    commands.deletePerson(f.leo);
    const message = 'That person is no longer on the genogram';
    expectRefused(doc, () => commands.deletePerson(f.leo), 'G10', message);
    expectRefused(doc, () => commands.updatePerson(f.leo, { name: 'Leo' }), 'G10', message);
    expectRefused(doc, () => commands.addSibling(f.leo), 'G10', message);
    expectRefused(doc, () => commands.setNudge(f.leo, 1, 1), 'G10', message);
  });
});

describe('genogram: unions', () => {
  it('[G10] adding a partner writes the person and the union in one transaction, or nothing', () => {
    const { doc, origin, commands, read } = familyDoc();
    const mia = commands.addPerson({ name: 'Mia', gender: 'female' });
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (tr) => transactions.push(tr.origin));
    const { partner, union } = commands.addPartner(mia, {
      partner: { name: 'Jo', gender: 'male' },
      kind: 'cohabitation',
    });
    expect(transactions).toEqual([origin]);
    const genogram = read();
    expect(genogram.people.find((p) => p.id === partner)?.name).toBe('Jo');
    expect(genogram.unions).toEqual([
      expect.objectContaining({
        id: union,
        partnerA: mia,
        partnerB: partner,
        kind: 'cohabitation',
      }),
    ]);

    commands.deletePerson(mia);
    expectRefused(
      doc,
      () => commands.addPartner(mia, { partner: { name: 'Stray' } }),
      'G10',
      'That person is no longer on the genogram',
    );
    expect(read().people.map((p) => p.name)).toEqual(['Jo']);
  });

  it('[G2] a union joins two different people on the genogram', () => {
    const { doc, commands } = familyDoc();
    const mia = commands.addPerson({ name: 'Mia', gender: 'female' });
    expectRefused(
      doc,
      () => commands.addUnion({ partnerA: mia, partnerB: mia }),
      'G2',
      'A union joins two different people',
    );
    expectRefused(
      doc,
      () => commands.addUnion({ partnerA: mia, partnerB: 'nobody' as PersonId }),
      'G10',
      'That person is no longer on the genogram',
    );
    const sam = commands.addPerson({ name: 'Sam' });
    const union = commands.addUnion({ partnerA: mia, partnerB: sam });
    expect(readGenogram(doc).unions).toEqual([
      {
        id: union,
        partnerA: mia,
        partnerB: sam,
        kind: 'other',
        startDate: null,
        events: [],
      },
    ]);
  });

  it('[G12] a union’s kind and start date change; unchanged fields are not written', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    commands.updateUnion(f.parents, { kind: 'marriage', startDate: '2012-06' });
    expect(read().unions.find((u) => u.id === f.parents)).toMatchObject({
      kind: 'marriage',
      startDate: '2012-06',
      partnerA: f.dean,
      partnerB: f.kelly,
    });
    commands.updateUnion(f.parents, { kind: 'marriage' });
    expect(updates).toBe(1);
    expectRefused(doc, () => commands.updateUnion(f.parents, { startDate: 'June' }), 'G1');
  });

  it('[G16] union events stay in date order; an undated one goes last; status is the last event', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const events = () => read().unions.find((u) => u.id === f.parents)?.events ?? [];
    commands.addUnionEvent(f.parents, 'divorced', '2020');
    commands.addUnionEvent(f.parents, 'separated', '2018-03');
    commands.addUnionEvent(f.parents, 'together', '2019');
    expect(events().map((e) => e.date)).toEqual(['2018-03', '2019', '2020']);
    commands.addUnionEvent(f.parents, 'separated');
    expect(events().map((e) => e.status)).toEqual([
      'separated',
      'together',
      'divorced',
      'separated',
    ]);
    expect(currentUnionStatus({ events: events() })).toBe('separated');
    commands.removeUnionEvent(f.parents, 1);
    expect(events().map((e) => e.status)).toEqual(['separated', 'divorced', 'separated']);
    expectRefused(doc, () => commands.removeUnionEvent(f.parents, 3), 'G10');
    expectRefused(doc, () => commands.addUnionEvent(f.parents, 'divorced', '20th May'), 'G1');
  });

  it('[G18] union events added at once on two replicas are both kept', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    net.flushAll();
    ana.commands.addUnionEvent(f.parents, 'separated', '2021');
    ben.commands.addUnionEvent(f.parents, 'divorced', '2023');
    net.flushAll();
    expect(ana.read()).toEqual(ben.read());
    expect(ana.read().unions.find((u) => u.id === f.parents)?.events).toHaveLength(2);
  });

  it('[G14] deleting a union removes the links hanging from it; the children stay', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    commands.deleteUnion(f.parents);
    const g = read();
    valid(g);
    expect(g.people.map((p) => p.id)).toContain(f.mia);
    expect(g.childLinks.filter((l) => l.child === f.mia || l.child === f.leo)).toEqual([]);
    expect(g.childLinks.map((l) => l.child)).toEqual([f.kelly]);
    expectRefused(doc, () => commands.deleteUnion(f.parents), 'G10', /union is no longer/);
  });
});

describe('genogram: children, parents and siblings', () => {
  it('[G3] nobody can be made their own ancestor', () => {
    const { doc, commands } = familyDoc();
    const f = seedPinners(commands);
    expectRefused(
      doc,
      () => commands.linkChild(f.pat, { parent: f.mia }, { kind: 'fostered' }),
      'G3',
      'Pat Pinner cannot be her own ancestor',
    );
    expectRefused(
      doc,
      () => commands.linkChild(f.dean, { union: f.parents }, { kind: 'step' }),
      'G3',
      'Dean Marsh cannot be his own ancestor',
    );
    const unnamed = commands.addPerson();
    expectRefused(
      doc,
      () => commands.linkChild(unnamed, { parent: unnamed }, { kind: 'adopted' }),
      'G3',
      'This person cannot be their own ancestor',
    );
  });

  it('[G4] one birth link per person and one link per union or parent; other kinds may be added', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const aunt = commands.addPerson({ name: 'Jade', gender: 'female' });
    expectRefused(
      doc,
      () => commands.linkChild(f.mia, { parent: aunt }),
      'G4',
      'Mia already has birth parents on the genogram',
    );
    expectRefused(
      doc,
      () => commands.linkChild(f.mia, { union: f.parents }, { kind: 'step' }),
      'G4',
      'Mia already hangs from these parents',
    );
    expectRefused(doc, () => commands.addParents(f.mia), 'G4', /birth parents/);
    expectRefused(doc, () => commands.addParent(f.mia), 'G4', /birth parents/);
    const kinship = commands.linkChild(f.mia, { parent: aunt }, { kind: 'kinship' });
    expect(read().childLinks.find((l) => l.id === kinship)).toMatchObject({
      child: f.mia,
      parent: aunt,
      union: null,
      kind: 'kinship',
    });
    expectRefused(doc, () => commands.linkChild(f.mia, { union: 'gone' as UnionId }), 'G10');
    valid(read());
  });

  it('[G15] adding parents draws a couple or one parent above a person', () => {
    const { commands, read } = familyDoc();
    const dean = commands.addPerson({ name: 'Dean Marsh', gender: 'male' });
    const couple = commands.addParents(dean, {
      partnerA: { name: 'Gail Marsh', gender: 'female' },
      partnerB: { name: 'Unknown', gender: 'male' },
      unionKind: 'marriage',
    });
    const g = read();
    expect(g.unions).toEqual([
      expect.objectContaining({
        id: couple.union,
        partnerA: couple.partnerA,
        partnerB: couple.partnerB,
        kind: 'marriage',
      }),
    ]);
    expect(g.childLinks).toEqual([
      expect.objectContaining({ id: couple.link, child: dean, union: couple.union, kind: 'birth' }),
    ]);
    const foster = commands.addParent(dean, { kind: 'fostered', person: { name: 'Ruth Okafor' } });
    expect(read().childLinks.find((l) => l.id === foster.link)).toMatchObject({
      parent: foster.parent,
      kind: 'fostered',
    });
    valid(read());
  });

  it('[G15] a sibling shares the person’s birth parents, or a placeholder couple is drawn for both', () => {
    const { commands, read } = familyDoc();
    const f = seedPinners(commands);
    const sister = commands.addSibling(f.mia, { person: { name: 'Ava', gender: 'female' } });
    expect(read().childLinks.find((l) => l.id === sister.link)).toMatchObject({
      child: sister.person,
      union: f.parents,
      kind: 'birth',
    });

    const dean = f.dean;
    const brother = commands.addSibling(dean, { person: { name: 'Kyle Marsh' } });
    const g = read();
    const deanLink = g.childLinks.find((l) => l.child === dean);
    const kyleLink = g.childLinks.find((l) => l.child === brother.person);
    expect(deanLink?.union).not.toBeNull();
    expect(kyleLink?.union).toBe(deanLink?.union);
    const placeholders = g.unions.find((u) => u.id === deanLink?.union);
    expect(placeholders?.kind).toBe('other');
    for (const id of [placeholders?.partnerA, placeholders?.partnerB])
      expect(g.people.find((p) => p.id === id)).toMatchObject({ name: '', gender: 'unknown' });
    valid(g);
  });

  it('[G5] twins hang from one point; identical marks both; a twin elsewhere is refused', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const twin = commands.addChild({ union: f.parents }, { twinOf: f.leo, identical: true });
    const links = read().childLinks.filter((l) => l.twinGroup !== null);
    expect(links.map((l) => l.child).sort()).toEqual([f.leo, twin.person].sort());
    expect(new Set(links.map((l) => l.twinGroup)).size).toBe(1);
    expect(links.every((l) => l.identical)).toBe(true);

    const fraternal = commands.addSibling(f.leo, { twin: 'fraternal' });
    const triplets = read().childLinks.filter((l) => l.twinGroup === links[0]?.twinGroup);
    expect(triplets).toHaveLength(3);
    expect(triplets.find((l) => l.child === fraternal.person)?.identical).toBe(false);

    expectRefused(
      doc,
      () => commands.addChild({ parent: f.kelly }, { twinOf: f.leo }),
      'G5',
      'Twins hang from the same parents as Leo',
    );
    expectRefused(
      doc,
      () => commands.addChild({ union: f.parents }, { identical: true }),
      'G5',
      'Only twins can be identical',
    );
    valid(read());
  });

  it('[G12] a child link can change kind or move, under [G3]-[G5]; moving drops the twin mark', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const twin = commands.addChild({ union: f.parents }, { twinOf: f.leo });
    const jade = commands.addPerson({ name: 'Jade', gender: 'female' });
    const leoLink = read().childLinks.find((l) => l.child === f.leo)?.id as ChildLinkId;
    const kellyLink = read().childLinks.find((l) => l.child === f.kelly)?.id as ChildLinkId;

    commands.updateChildLink(leoLink, { to: { parent: jade }, kind: 'kinship' });
    expect(read().childLinks.find((l) => l.id === leoLink)).toMatchObject({
      parent: jade,
      union: null,
      kind: 'kinship',
      twinGroup: null,
      identical: false,
    });
    expectRefused(
      doc,
      () => commands.updateChildLink(kellyLink, { to: { parent: f.mia } }),
      'G3',
      'Kelly Pinner cannot be her own ancestor',
    );
    const twinLink = read().childLinks.find((l) => l.child === twin.person)?.id as ChildLinkId;
    expectRefused(
      doc,
      () => commands.updateChildLink(twinLink, { identical: true, twinGroup: null }),
      'G5',
    );
    const miaLink = read().childLinks.find((l) => l.child === f.mia)?.id as ChildLinkId;
    commands.updateChildLink(miaLink, { twinGroup: 'tw1' });
    commands.updateChildLink(twinLink, { twinGroup: 'tw1', identical: true });
    expectRefused(
      doc,
      () => commands.updateChildLink(leoLink, { twinGroup: 'tw1' }),
      'G5',
      'Twins hang from the same parents',
    );
    commands.deleteChildLink(miaLink);
    expect(read().childLinks.some((l) => l.child === f.mia)).toBe(false);
    expectRefused(doc, () => commands.deleteChildLink(miaLink), 'G10', /child link/);
    valid(read());
  });
});

describe('genogram: relationships, households, ecomap, legal, nudges', () => {
  it('[G6] a relationship joins two different people; its kind, direction and note change', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    expectRefused(
      doc,
      () => commands.addRelationship({ a: f.mia, b: f.mia, kind: 'close' }),
      'G6',
      'A relationship joins two different people',
    );
    const rel = commands.addRelationship({ a: f.dean, b: f.mia, kind: 'focused_on' });
    expect(read().relationships).toEqual([
      {
        id: rel,
        a: f.dean,
        b: f.mia,
        kind: 'focused_on',
        direction: 'none',
        note: '',
        heldBy: '',
      },
    ]);
    commands.updateRelationship(rel, { direction: 'a_to_b', heldBy: 'school' });
    expect(read().relationships[0]).toMatchObject({ direction: 'a_to_b', heldBy: 'school' });
    commands.deleteRelationship(rel);
    expect(read().relationships).toEqual([]);
    expectRefused(doc, () => commands.deleteRelationship('r1' as RelationshipId), 'G10');
  });

  it('[G7] household members are listed once, in the order added; adding twice or removing an absent member writes nothing', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const flat = commands.addHousehold({ label: 'Flat', members: [f.mia, f.kelly, f.mia] });
    commands.setHouseholdMember(flat, f.leo, true);
    expect(read().households[0]?.members).toEqual([f.mia, f.kelly, f.leo]);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    commands.setHouseholdMember(flat, f.leo, true);
    commands.setHouseholdMember(flat, f.dean, false);
    expect(updates).toBe(0);
    commands.setHouseholdMember(flat, f.kelly, false);
    commands.updateHousehold(flat, { label: "Nan's", since: '2024-09' });
    expect(read().households[0]).toMatchObject({
      label: "Nan's",
      since: '2024-09',
      until: null,
      members: [f.mia, f.leo],
    });
    expectRefused(doc, () => commands.setHouseholdMember(flat, 'gone' as PersonId, true), 'G10');
    commands.deleteHousehold(flat);
    expect(read().households).toEqual([]);
  });

  it('[G18] a member added twice at once is read once; an add concurrent with a remove survives', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    const flat = ana.commands.addHousehold({ members: [f.kelly] });
    net.flushAll();
    ana.commands.setHouseholdMember(flat, f.mia, true);
    ben.commands.setHouseholdMember(flat, f.mia, true);
    net.flushAll();
    expect(ana.read().households[0]?.members).toEqual([f.kelly, f.mia]);
    ana.commands.setHouseholdMember(flat, f.mia, false);
    ben.commands.setHouseholdMember(flat, f.leo, true);
    net.flushAll();
    expect(ana.read()).toEqual(ben.read());
    expect(ana.read().households[0]?.members).toEqual([f.kelly, f.leo]);
  });

  it('[G7] ecomap connections change as additions and removals that merge; empty means the family', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    const gp = ana.commands.addEcomapEntry({
      label: 'Dr Osei',
      kind: 'gp',
      tie: 'tenuous',
      connectedTo: [f.kelly],
    });
    net.flushAll();
    ana.commands.updateEcomapEntry(gp, { connectedTo: [f.kelly, f.mia] });
    ben.commands.updateEcomapEntry(gp, { connectedTo: [f.kelly, f.leo], support: 'to_family' });
    net.flushAll();
    const entry = ana.read().ecomap[0];
    expect(ana.read()).toEqual(ben.read());
    expect(entry?.connectedTo).toEqual(expect.arrayContaining([f.kelly, f.mia, f.leo]));
    expect(entry?.support).toBe('to_family');
    ana.commands.updateEcomapEntry(gp, { connectedTo: [] });
    expect(ana.read().ecomap[0]?.connectedTo).toEqual([]);
    ana.commands.deleteEcomapEntry(gp);
    expect(ana.read().ecomap).toEqual([]);
    expectRefused(
      ana.doc,
      () => ana.commands.addEcomapEntry({ label: 'x'.repeat(201), kind: 'other', tie: 'strong' }),
      'G1',
    );
  });

  it('[G8] parental responsibility is one entry per holder and child, set at once by two people', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    net.flushAll();
    expectRefused(
      ana.doc,
      () => ana.commands.setParentalResponsibility(f.pat, f.pat),
      'G8',
      'Pat Pinner cannot hold parental responsibility for herself',
    );
    ana.commands.setParentalResponsibility(f.pat, f.mia, 'special guardianship order');
    ben.commands.setParentalResponsibility(f.pat, f.mia, 'child arrangements order');
    net.flushAll();
    const pr = ana.read().parentalResponsibility;
    expect(ana.read()).toEqual(ben.read());
    expect(pr).toHaveLength(1);
    expect(pr[0]).toMatchObject({ id: `${f.pat}:${f.mia}`, holder: f.pat, child: f.mia });
    ana.commands.setParentalResponsibility(f.pat, f.mia, 'special guardianship order');
    expect(ana.read().parentalResponsibility[0]?.basis).toBe('special guardianship order');
    ana.commands.removeParentalResponsibility(f.pat, f.mia);
    ana.commands.removeParentalResponsibility(f.pat, f.mia);
    expect(ana.read().parentalResponsibility).toEqual([]);
  });

  it('[G8] a contact restriction names a person and another person or every child', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    expectRefused(
      doc,
      () => commands.addContactRestriction({ person: f.dean, child: f.dean }),
      'G8',
      'Dean Marsh cannot be restricted from contact with himself',
    );
    const all = commands.addContactRestriction({ person: f.dean, note: 'Non-molestation order' });
    const one = commands.addContactRestriction({ person: f.ron, child: f.mia });
    expect(read().contactRestrictions).toEqual([
      { id: all, person: f.dean, child: null, note: 'Non-molestation order' },
      { id: one, person: f.ron, child: f.mia, note: '' },
    ]);
    commands.removeContactRestriction(all);
    expectRefused(doc, () => commands.removeContactRestriction(all), 'G10');
    expect(read().contactRestrictions.map((c) => c.id)).toEqual([one]);
  });

  it('[G9] a nudge is a finite offset for a person; two drags at once end with one of them whole', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    net.flushAll();
    expectRefused(ana.doc, () => ana.commands.setNudge(f.mia, Number.NaN, 0), 'G9');
    expectRefused(ana.doc, () => ana.commands.setNudge(f.mia, 0, Infinity), 'G9');
    ana.commands.setNudge(f.mia, 12, -4);
    ben.commands.setNudge(f.mia, -30, 8);
    net.flushAll();
    expect(ana.read()).toEqual(ben.read());
    expect([
      { dx: 12, dy: -4 },
      { dx: -30, dy: 8 },
    ]).toContainEqual(ana.read().nudges[f.mia]);
    ana.commands.clearNudge(f.mia);
    ana.commands.clearNudge(f.mia);
    expect(ana.read().nudges).toEqual({});
  });
});

describe('genogram: the reader', () => {
  it('[G20] replicas read equal genograms whatever order the updates arrived in', () => {
    const ana = familyDoc(new Y.Doc(), 'user-ana', sequentialIds('b'));
    const ben = familyDoc(new Y.Doc(), 'user-ben', sequentialIds('a'));
    const fromAna: Uint8Array[] = [];
    const fromBen: Uint8Array[] = [];
    ana.doc.on('update', (u: Uint8Array) => fromAna.push(u));
    ben.doc.on('update', (u: Uint8Array) => fromBen.push(u));
    const fa = seedPinners(ana.commands);
    ana.commands.setNudge(fa.mia, 3, 4);
    const fb = seedPinners(ben.commands);
    ben.commands.setNudge(fb.leo, 1, 2);
    ben.commands.addRelationship({ a: fb.mia, b: fb.leo, kind: 'close' });

    const first = new Y.Doc();
    const second = new Y.Doc();
    for (const u of [...fromAna, ...fromBen]) Y.applyUpdate(first, u);
    for (const u of [...fromBen, ...fromAna]) Y.applyUpdate(second, u);
    const people = (doc: Y.Doc) => [...genogramRoot(doc, 'people').keys()];
    expect(people(first)).not.toEqual(people(second));
    expect(JSON.stringify(readGenogram(first))).toBe(JSON.stringify(readGenogram(second)));
    const g = readGenogram(first);
    expect(g.people.map((p) => p.id)).toEqual([...g.people.map((p) => p.id)].sort());
    expect(g.people).toHaveLength(12);
    valid(g);
  });

  it('[G21] invalid entries are skipped, not thrown; a bad item in a list is skipped alone', () => {
    const { doc, commands, read } = familyDoc();
    const f = seedPinners(commands);
    const flat = commands.addHousehold({ members: [f.kelly] });
    doc.transact(() => {
      const people = genogramRoot(doc, 'people');
      (people.get(f.leo) as Y.Map<unknown>).set('age', 'seven');
      const { id: _id, attributes: _a, ...fields } = defaultPerson('x' as PersonId, 'Not an id');
      const badKey = people.set('not an id!', new Y.Map<unknown>());
      for (const [k, v] of Object.entries(fields)) badKey.set(k, v);
      people.set('plain', { name: 'not a map' });
      const events = (genogramRoot(doc, 'unions').get(f.parents) as Y.Map<unknown>).get(
        'events',
      ) as Y.Array<unknown>;
      events.push([{ status: 'separated', date: '2019' }, { status: 'on a break' }]);
      const members = (genogramRoot(doc, 'households').get(flat) as Y.Map<unknown>).get(
        'members',
      ) as Y.Array<unknown>;
      members.push([42, 'nobody', f.mia, f.kelly]);
      const union = genogramRoot(doc, 'unions').set('self', new Y.Map());
      for (const [k, v] of Object.entries({
        partnerA: f.mia,
        partnerB: f.mia,
        kind: 'other',
        startDate: null,
        events: [],
      }))
        union.set(k, v);
      const pr = genogramRoot(doc, 'parentalResponsibility').set(
        `${f.kelly}:${f.leo}`,
        new Y.Map(),
      );
      for (const [k, v] of Object.entries({ holder: f.kelly, child: f.mia, basis: '' }))
        pr.set(k, v);
      genogramRoot(doc, 'nudges').set(f.mia, { dx: Number.NaN, dy: 0 });
      genogramRoot(doc, 'nudges').set('__proto__', { dx: 1, dy: 1 });
    }, userOrigin('user-ana'));

    const g = read();
    valid(g);
    expect(g.people.map((p) => p.id)).not.toContain(f.leo);
    expect(g.people).toHaveLength(5);
    expect(g.childLinks.some((l) => l.child === f.leo)).toBe(false);
    expect(g.unions.find((u) => u.id === f.parents)?.events).toEqual([
      { status: 'separated', date: '2019' },
    ]);
    expect(g.unions.map((u) => u.id)).not.toContain('self');
    expect(g.households[0]?.members).toEqual([f.kelly, f.mia]);
    expect(g.parentalResponsibility).toEqual([]);
    expect(g.nudges).toEqual({});
  });

  it('[G19] deletion wins over concurrent edits; references to the deleted person are dropped', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    const flat = ana.commands.addHousehold({ members: [f.kelly] });
    net.flushAll();
    ana.commands.deletePerson(f.dean);
    ben.commands.updatePerson(f.dean, { name: 'Dean Marsh-Jones' });
    ben.commands.addRelationship({ a: f.dean, b: f.mia, kind: 'hostile' });
    const jade = ben.commands.addPerson({ name: 'Jade' });
    ben.commands.addUnion({ partnerA: f.dean, partnerB: jade });
    const baby = ben.commands.addChild({ union: f.parents }, { person: { name: 'Baby' } });
    ben.commands.setHouseholdMember(flat, f.dean, true);
    ben.commands.setParentalResponsibility(f.dean, f.mia, 'birth father');
    ben.commands.addContactRestriction({ person: f.dean });
    ben.commands.setNudge(f.dean, 5, 5);
    ben.commands.addEcomapEntry({
      label: 'Probation',
      kind: 'professional',
      tie: 'stressful',
      connectedTo: [f.dean],
    });
    net.flushAll();

    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    expect(g.people.map((p) => p.id)).not.toContain(f.dean);
    expect(g.people.map((p) => p.id)).toContain(baby.person);
    expect(g.childLinks.some((l) => l.child === baby.person)).toBe(false);
    expect(g.unions.map((u) => u.id)).toEqual([f.grandparents]);
    expect(g.relationships).toEqual([]);
    expect(g.households[0]?.members).toEqual([f.kelly]);
    expect(g.parentalResponsibility).toEqual([]);
    expect(g.contactRestrictions).toEqual([]);
    expect(g.ecomap).toEqual([]);
    expect(g.nudges).toEqual({});
  });

  it('[G21] a loop made from two replicas at once is broken at the link with the greater id, and comes back when the other goes', () => {
    const { net, ana, ben } = twoReplicas();
    const sam = ana.commands.addPerson({ name: 'Sam', gender: 'male' });
    const tom = ana.commands.addPerson({ name: 'Tom', gender: 'male' });
    const ava = ana.commands.addPerson({ name: 'Ava', gender: 'female' });
    ana.commands.linkChild(ava, { parent: tom }, { kind: 'fostered' });
    net.flushAll();
    const anaLink = ana.commands.linkChild(tom, { parent: sam }, { kind: 'adopted' });
    const benLink = ben.commands.linkChild(sam, { parent: ava }, { kind: 'kinship' });
    expect(anaLink < benLink).toBe(true);
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    expect(g.childLinks.map((l) => l.id)).toContain(anaLink);
    expect(g.childLinks.map((l) => l.id)).not.toContain(benLink);

    ana.commands.deleteChildLink(anaLink);
    net.flushAll();
    expect(ben.read().childLinks.map((l) => l.id)).toContain(benLink);
    valid(ben.read());
  });

  it('[G21] two birth links made at once: the one with the smaller id is kept', () => {
    const { net, ana, ben } = twoReplicas();
    const sam = ana.commands.addPerson({ name: 'Sam' });
    net.flushAll();
    const single = ana.commands.addParent(sam, { person: { name: 'Mum' } });
    const couple = ben.commands.addParents(sam);
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    expect(g.childLinks.filter((l) => l.child === sam).map((l) => l.id)).toEqual([single.link]);
    expect(g.unions.map((u) => u.id)).toEqual([couple.union]);
  });

  it('[G21] the same child hung from the same parent twice at once is read once', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    net.flushAll();
    const first = ana.commands.linkChild(f.mia, { parent: f.pat }, { kind: 'kinship' });
    const second = ben.commands.linkChild(f.mia, { parent: f.pat }, { kind: 'fostered' });
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    const fromPat = g.childLinks.filter((l) => l.parent === f.pat);
    expect(fromPat.map((l) => l.id)).toEqual([first < second ? first : second]);
  });

  it('[G21] a twin group split across two parents at once keeps the mark where its first link hangs', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    const jade = ana.commands.addPerson({ name: 'Jade' });
    const cousin = ana.commands.addChild({ parent: jade });
    net.flushAll();
    const link = (child: PersonId) =>
      ana.read().childLinks.find((l) => l.child === child)?.id as ChildLinkId;
    ana.commands.updateChildLink(link(f.mia), { twinGroup: 'tw', identical: true });
    ben.commands.updateChildLink(link(cousin.person), { twinGroup: 'tw', identical: true });
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    const marked = g.childLinks.filter((l) => l.twinGroup === 'tw');
    expect(marked).toHaveLength(1);
    expect(marked[0]?.id).toBe([link(f.mia), link(cousin.person)].sort()[0]);
    expect(g.childLinks.filter((l) => l.identical)).toEqual(marked);
  });

  it('[G21] a twin mark cleared while someone else marks the twins identical reads as not identical', () => {
    const { net, ana, ben } = twoReplicas();
    const f = seedPinners(ana.commands);
    ana.commands.addChild({ union: f.parents }, { twinOf: f.leo });
    net.flushAll();
    const leoLink = ana.read().childLinks.find((l) => l.child === f.leo)?.id as ChildLinkId;
    ana.commands.updateChildLink(leoLink, { twinGroup: null });
    ben.commands.updateChildLink(leoLink, { identical: true });
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    expect(g.childLinks.find((l) => l.id === leoLink)).toMatchObject({
      twinGroup: null,
      identical: false,
    });
  });

  it('[G1]-[G9] the validator names every broken rule', () => {
    const p = readGenogramPerson;
    const broken: Genogram = {
      ...emptyGenogram(),
      people: [p('p2'), p('p1'), p('p3')],
      unions: [
        {
          id: 'u1' as UnionId,
          partnerA: 'p1' as PersonId,
          partnerB: 'p1' as PersonId,
          kind: 'other',
          startDate: null,
          events: [],
        },
      ],
      childLinks: [
        {
          id: 'l1' as ChildLinkId,
          child: 'p1' as PersonId,
          union: null,
          parent: 'p2' as PersonId,
          kind: 'birth',
          twinGroup: 't',
          identical: false,
        },
        {
          id: 'l2' as ChildLinkId,
          child: 'p2' as PersonId,
          union: null,
          parent: 'p1' as PersonId,
          kind: 'birth',
          twinGroup: null,
          identical: true,
        },
        {
          id: 'l3' as ChildLinkId,
          child: 'p1' as PersonId,
          union: null,
          parent: 'p3' as PersonId,
          kind: 'birth',
          twinGroup: 't',
          identical: false,
        },
      ],
      relationships: [
        {
          id: 'r1' as RelationshipId,
          a: 'p1' as PersonId,
          b: 'p1' as PersonId,
          kind: 'close',
          direction: 'none',
          note: '',
          heldBy: '',
        },
      ],
      households: [
        {
          id: 'h1' as never,
          label: '',
          members: ['p1', 'p1'] as PersonId[],
          since: null,
          until: null,
        },
      ],
      parentalResponsibility: [
        { id: 'p1:p1', holder: 'p1' as PersonId, child: 'p1' as PersonId, basis: '' },
      ],
      contactRestrictions: [{ id: 'c1', person: 'p9' as PersonId, child: null, note: '' }],
      nudges: { p1: { dx: Number.NaN, dy: 0 } } as Genogram['nudges'],
    };
    const problems = validateGenogram(broken);
    for (const rule of ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9'])
      expect(
        problems.some((line) => line.startsWith(`[${rule}]`)),
        rule,
      ).toBe(true);
    expect(validateGenogram(emptyGenogram())).toEqual([]);
  });
});

function readGenogramPerson(id: string) {
  const doc = new Y.Doc();
  const commands = genogramCommands(doc, userOrigin('user-ana'), { newId: () => id });
  commands.addPerson({ name: id });
  const person = readGenogram(doc).people[0];
  if (!person) throw new Error('no person');
  return person;
}

describe('genogram: undo', () => {
  it('[G22] undo reverts the user’s own commands, one command per step, and nobody else’s', () => {
    const { net, ana, ben } = twoReplicas();
    const undo = createGenogramUndoManager(ana.doc, ana.origin);
    const mia = ana.commands.addPerson({ name: 'Mia' });
    ana.commands.updatePerson(mia, { age: 7 });
    const leo = ben.commands.addPerson({ name: 'Leo' });
    net.flushAll();
    undo.undo();
    expect(ana.read().people.find((p) => p.id === mia)?.age).toBeNull();
    undo.undo();
    net.flushAll();
    expect(ben.read().people.map((p) => p.id)).toEqual([leo]);
    undo.redo();
    net.flushAll();
    expect(
      ben
        .read()
        .people.map((p) => p.name)
        .sort(),
    ).toEqual(['Leo', 'Mia']);
  });

  it('[G22] one undo brings back everything a deletion removed', () => {
    const { doc, origin, commands, read } = familyDoc();
    const f = seedPinners(commands);
    commands.addRelationship({ a: f.dean, b: f.mia, kind: 'close' });
    commands.addHousehold({ members: [f.dean, f.mia] });
    commands.setNudge(f.dean, 4, 4);
    const before = read();
    const undo = createGenogramUndoManager(doc, origin);
    commands.deletePerson(f.dean);
    expect(read()).not.toEqual(before);
    undo.undo();
    expect(read()).toEqual(before);
    expect(undo.undoStack).toHaveLength(0);
  });

  it('[G22] undo never overwrites a later edit by someone else', () => {
    const { net, ana, ben } = twoReplicas();
    const mia = ana.commands.addPerson({ name: 'Mia' });
    net.flushAll();
    const undo = createGenogramUndoManager(ana.doc, ana.origin);
    ana.commands.updatePerson(mia, { name: 'Mya' });
    net.flushAll();
    ben.commands.updatePerson(mia, { name: 'Maya' });
    net.flushAll();
    undo.undo();
    net.flushAll();
    expect(ana.read().people[0]?.name).toBe('Maya');
    expect(ben.read()).toEqual(ana.read());
  });

  it('[G22] what undo brings back is read through the repairs like any other edit', () => {
    const { net, ana, ben } = twoReplicas();
    const sam = ana.commands.addPerson({ name: 'Sam' });
    const tom = ana.commands.addPerson({ name: 'Tom' });
    const link = ana.commands.linkChild(tom, { parent: sam });
    net.flushAll();
    const undo = createGenogramUndoManager(ana.doc, ana.origin);
    ana.commands.deleteChildLink(link);
    net.flushAll();
    const reverse = ben.commands.linkChild(sam, { parent: tom });
    net.flushAll();
    undo.undo();
    net.flushAll();
    const g = ana.read();
    expect(ben.read()).toEqual(g);
    valid(g);
    expect(g.childLinks.map((l) => l.id)).toEqual([link < reverse ? link : reverse]);
  });
});
