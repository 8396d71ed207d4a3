import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  ID_PATTERN,
  discussionCommands,
  parseDocName,
  type TransactionOrigin,
} from '@unitroom/shared';
import type { Extension } from '../collab/types.js';
import type { Database } from '../db/schema.js';
import type { DocumentStore } from '../storage/documentStore.js';

const SEED_ORIGIN: TransactionOrigin = { kind: 'seed' };

/**
 * Writes the minutes template into a discussion document the first time it is opened, with a
 * section for each of the family's children (eldest first), and makes it durable before anyone
 * syncs. Seeding on the server, once, is what keeps two laptops opening an empty discussion at the
 * same moment from each writing a template of their own. Must come after persistence and
 * migrations.
 */
export function discussionTemplateExtension(options: {
  db: Kysely<Database>;
  store: DocumentStore;
}): Extension {
  return {
    async onLoad({ docName, doc }) {
      const parsed = parseDocName(docName);
      if (parsed?.kind !== 'discussion') return;
      const children = await options.db
        .selectFrom('children')
        .select('id')
        .where('family_id', '=', parsed.familyId)
        .orderBy('birth_year')
        .orderBy('name')
        .orderBy('id')
        .execute();
      const before = Y.encodeStateVector(doc);
      const seeded = discussionCommands(doc, SEED_ORIGIN).seedTemplate(
        children.map((child) => child.id).filter((id) => ID_PATTERN.test(id)),
      );
      if (seeded) await options.store.append(docName, [Y.encodeStateAsUpdate(doc, before)]);
    },
  };
}
