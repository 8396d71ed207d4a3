import * as Y from 'yjs';
import {
  genogramCommands,
  readGenogram,
  userOrigin,
  type Genogram,
  type GenogramCommands,
  type PersonId,
  type TransactionOrigin,
  type UnionId,
} from '@unitroom/shared';

/** Ids in creation order (`<prefix>001`, `<prefix>002`, ...), so tests can reason about id order. */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}${String((next += 1)).padStart(3, '0')}`;
}

export interface FamilyDoc {
  doc: Y.Doc;
  origin: TransactionOrigin;
  commands: GenogramCommands;
  read: () => Genogram;
}

export function familyDoc(
  doc = new Y.Doc(),
  userId = 'user-ana',
  newId = sequentialIds(),
): FamilyDoc {
  const origin = userOrigin(userId);
  return {
    doc,
    origin,
    commands: genogramCommands(doc, origin, { newId }),
    read: () => readGenogram(doc),
  };
}

/** A fictional three-generation family used across genogram tests. */
export interface Pinners {
  pat: PersonId;
  ron: PersonId;
  kelly: PersonId;
  dean: PersonId;
  mia: PersonId;
  leo: PersonId;
  grandparents: UnionId;
  parents: UnionId;
}

export function seedPinners(commands: GenogramCommands): Pinners {
  const pat = commands.addPerson({ name: 'Pat Pinner', gender: 'female', birthDate: '1958' });
  const ron = commands.addPerson({ name: 'Ron Pinner', gender: 'male', birthDate: '1955' });
  const grandparents = commands.addUnion({ partnerA: ron, partnerB: pat, kind: 'marriage' });
  const kelly = commands.addChild(
    { union: grandparents },
    { person: { name: 'Kelly Pinner', gender: 'female', birthDate: '1990' } },
  ).person;
  const dean = commands.addPerson({ name: 'Dean Marsh', gender: 'male' });
  const parents = commands.addUnion({ partnerA: dean, partnerB: kelly, kind: 'cohabitation' });
  const mia = commands.addChild(
    { union: parents },
    { person: { name: 'Mia', gender: 'female', childOfConcern: true } },
  ).person;
  const leo = commands.addChild(
    { union: parents },
    { person: { name: 'Leo', gender: 'male' } },
  ).person;
  return { pat, ron, kelly, dean, mia, leo, grandparents, parents };
}
