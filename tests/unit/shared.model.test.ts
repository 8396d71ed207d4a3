import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  FINAL_CLOSE_CODES,
  SCHEMA_VERSION,
  SchemaTooNewError,
  closeCodeName,
  colourFor,
  isReadOnlyRole,
  migrateDocument,
  parseDocName,
  readSchemaVersion,
  META_MAP,
  ROLES,
  canChair,
} from '@unitroom/shared';

describe('shared: document names', () => {
  it('parses the three kinds and nothing else', () => {
    expect(parseDocName('meeting:abc_1-2')).toMatchObject({ kind: 'meeting', id: 'abc_1-2' });
    expect(parseDocName('family:XYZ')).toMatchObject({ kind: 'family', id: 'XYZ' });
    expect(parseDocName('discussion:m-1:f_2')).toEqual({
      kind: 'discussion',
      meetingId: 'm-1',
      familyId: 'f_2',
      name: 'discussion:m-1:f_2',
    });
    for (const bad of [
      'meeting:',
      'family:../x',
      'unit:abc',
      'meeting',
      'meeting:a:b',
      `meeting:${'a'.repeat(65)}`,
      '__proto__:x',
      'discussion:m1',
      'discussion:m1:',
      'discussion::f1',
      'discussion:m1:f1:x',
      'discussion:m1:../f1',
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});

describe('shared: roles', () => {
  it('only the manager is read-only and only the consultant chairs by default', () => {
    expect(ROLES.filter(isReadOnlyRole)).toEqual(['manager']);
    expect(ROLES.filter(canChair)).toEqual(['consultant_social_worker']);
  });
});

describe('shared: close codes', () => {
  it('refusals that cannot be fixed by retrying are in the 4400 range the stock client treats as final', () => {
    for (const code of FINAL_CLOSE_CODES)
      expect(code >= 4400 && code < 4500, String(code)).toBe(true);
    for (const retryable of [
      CLOSE_CODES.LOAD_FAILED,
      CLOSE_CODES.STORE_FAILED,
      CLOSE_CODES.SERVER_SHUTTING_DOWN,
      CLOSE_CODES.FAMILY_CLOSED,
      CLOSE_CODES.TOO_MANY_SOCKETS,
      CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES,
      CLOSE_CODES.UPDATE_RATE_EXCEEDED,
      CLOSE_CODES.AWARENESS_RATE_EXCEEDED,
      CLOSE_CODES.MESSAGE_RATE_EXCEEDED,
    ]) {
      expect(retryable >= 4500).toBe(true);
    }
    expect(new Set(Object.values(CLOSE_CODES)).size).toBe(Object.keys(CLOSE_CODES).length);
    expect(closeCodeName(4403)).toBe('FORBIDDEN');
    expect(closeCodeName(1234)).toBeUndefined();
  });
});

describe('shared: schema version and migrations', () => {
  it('stamps a new document with the current version in one migration transaction', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    expect(readSchemaVersion(doc)).toBe(0);
    expect(migrateDocument(doc)).toBe(SCHEMA_VERSION);
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION);
    expect(origins).toEqual([{ kind: 'migration', toVersion: 1 }]);
    expect(migrateDocument(doc)).toBe(0);
  });

  it('refuses a document written by a newer schema', () => {
    const doc = new Y.Doc();
    doc.getMap(META_MAP).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => migrateDocument(doc)).toThrow(SchemaTooNewError);
  });
});

describe('shared: caret colours', () => {
  it('are stable per person', () => {
    expect(colourFor('user-1')).toBe(colourFor('user-1'));
    expect(colourFor('user-1')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
