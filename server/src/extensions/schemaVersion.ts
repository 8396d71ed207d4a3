import {
  CLOSE_CODES,
  SCHEMA_VERSION,
  SCHEMA_VERSION_PARAM,
  migrateDocument,
} from '@unitroom/shared';
import { Refusal, type Extension } from '../collab/types.js';

/**
 * A client that says it was built for a newer schema is refused rather than allowed to write
 * shapes this server cannot check. One that says nothing (the stock y-websocket provider) is
 * taken to speak this version.
 */
export function schemaGuardExtension(): Extension {
  return {
    async onAuthenticate(request) {
      const claimed = request.query.get(SCHEMA_VERSION_PARAM);
      if (claimed !== null && Number(claimed) > SCHEMA_VERSION) {
        throw new Refusal(CLOSE_CODES.CLIENT_TOO_NEW, `server speaks schema ${SCHEMA_VERSION}`);
      }
      return undefined;
    },
  };
}

/**
 * Migrates every document to this build's schema on load, before anyone syncs. Must come after
 * the persistence extension, whose `onLoad` fills the document.
 */
export function migrationExtension(): Extension {
  return {
    async onLoad({ doc }) {
      migrateDocument(doc);
    },
  };
}
