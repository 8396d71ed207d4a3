import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { ID_PATTERN, SEED_ORIGIN, needsTemplate, parseDocName } from '@unitroom/shared';
import type { Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';
import { loadMinutes, type Minutes } from '../domain/minutes.js';
import { openDiscussions } from '../families/childrenMirror.js';
import type { DocumentStore } from '../storage/documentStore.js';

/**
 * Writes the minutes template into a discussion document the first time it is opened, with a
 * section for each of the family's children (eldest first), and makes it durable before anyone
 * syncs. Seeding on the server, once, is what keeps two laptops opening an empty discussion at the
 * same moment from each writing a template of their own. Several processes (Redis) may each load
 * the same empty discussion at once: they all write the template under one client id derived
 * from the discussion and its children, so their templates are the same items and merge into one.
 * Must come after persistence and migrations.
 */
export function discussionTemplateExtension(options: {
  db: Kysely<Database>;
  store: DocumentStore;
}): Extension {
  return {
    async onLoad({ docName, doc }) {
      const parsed = parseDocName(docName);
      if (parsed?.kind !== 'discussion') return;
      // The children the unit works for now ([F3]); an unmarked child keeps what was written.
      const children = await options.db
        .selectFrom('children')
        .select('id')
        .where('family_id', '=', parsed.familyId)
        .where('removed_at', 'is', null)
        .orderBy('birth_year')
        .orderBy('name')
        .orderBy('id')
        .execute();
      const childIds = children.map((child) => child.id).filter((id) => ID_PATTERN.test(id));
      // Loaded before the document is looked at, so that the look and the write stay together.
      const minutes = await loadMinutes();
      if (needsTemplate(doc)) {
        const update = minutes.templateSeedUpdate(childIds, seedClientId(docName, childIds));
        Y.applyUpdate(doc, update, SEED_ORIGIN);
        await options.store.append(docName, [update]);
        return;
      }
      if (childIds.length === 0) return;
      const open = await openDiscussions(options.db, parsed.familyId, null, parsed.meetingId);
      if (open.length === 0) return;
      const update = missingSectionsUpdate(minutes, doc, docName, childIds);
      if (!update) return;
      Y.applyUpdate(doc, update, SEED_ORIGIN);
      await options.store.append(docName, [update]);
    },
  };
}

/**
 * [F4] Sections for children marked since the minutes were written, added on load. Written under
 * a client id every process derives alike from the document as stored and the children, so two
 * processes loading at once write the same items, which merge into one.
 */
function missingSectionsUpdate(
  { discussionCommands }: Minutes,
  doc: Y.Doc,
  docName: string,
  childIds: readonly string[],
): Uint8Array | null {
  const stateVector = Y.encodeStateVector(doc);
  const scratch = new Y.Doc();
  try {
    scratch.clientID = seedClientId(
      `${docName}\n${Buffer.from(stateVector).toString('base64')}`,
      childIds,
    );
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const commands = discussionCommands(scratch, SEED_ORIGIN);
    let changed = false;
    for (const childId of childIds) changed = commands.addChildSection(childId) || changed;
    return changed ? Y.encodeStateAsUpdate(scratch, stateVector) : null;
  } finally {
    scratch.destroy();
  }
}

/** A Yjs client id (uint32) that every process computes alike for this discussion's template. */
function seedClientId(docName: string, childIds: readonly string[]): number {
  return createHash('sha256')
    .update(`${docName}\n${childIds.join(',')}`)
    .digest()
    .readUInt32BE(0);
}
