import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Schema migrations for both dialects, in order. Each is written once with Kysely's schema
 * builder; where the dialects differ (auto-increment keys, binary columns) the difference is named
 * here and nowhere else.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const serialKey = dialect === 'postgres' ? 'bigserial' : 'integer';
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';

  const initial: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .addPrimaryKeyConstraint('memberships_pk', ['unit_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('memberships_by_user')
        .on('memberships')
        .column('user_id')
        .execute();
      await db.schema
        .createTable('families')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('children')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer')
        .execute();
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('agenda_items')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('timebox_minutes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('agenda_items_pk', ['meeting_id', 'family_id'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('id', serialKey, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .execute();
      // No AUTOINCREMENT in SQLite: it rewrites the sqlite_sequence page on every insert. Plain
      // rowids are max+1, so they still increase; compaction keeps the largest id it replaces.
      await db.schema
        .createTable('doc_updates')
        .addColumn('id', serialKey, (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('data', sql.raw(bytes), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('doc_updates_by_doc')
        .on('doc_updates')
        .columns(['doc', 'id'])
        .execute();
    },
  };

  const genogramSnapshots: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('genogram_snapshots')
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('state', sql.raw(bytes), (c) => c.notNull())
        .addPrimaryKeyConstraint('genogram_snapshots_pk', ['family_id', 'meeting_id'])
        .execute();
    },
  };

  // Booleans are integers 0/1 in both dialects, so one query layer reads them the same way.
  const meetingPlanning: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meeting_series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('meetings')
        .addColumn('series_id', 'text', (c) => c.references('meeting_series.id'))
        .execute();
      await db.schema.alterTable('meetings').addColumn('start_time', 'text').execute();
      await db.schema.alterTable('meetings').addColumn('closed_at', 'text').execute();
      await db.schema
        .createIndex('meetings_by_unit_date')
        .on('meetings')
        .columns(['unit_id', 'date'])
        .execute();
      await db.schema.alterTable('agenda_items').addColumn('reached_at', 'text').execute();
      await db.schema
        .alterTable('agenda_items')
        .addColumn('carried_from', 'text', (c) => c.references('meetings.id'))
        .execute();
      await db.schema
        .createIndex('agenda_items_by_family')
        .on('agenda_items')
        .column('family_id')
        .execute();
      await db.schema
        .alterTable('families')
        .addColumn('very_active', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('meeting_guests')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('can_edit', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addPrimaryKeyConstraint('meeting_guests_pk', ['meeting_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('meeting_guests_by_user')
        .on('meeting_guests')
        .column('user_id')
        .execute();
    },
  };

  const finalisation: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('unit_settings')
        .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
        // 1 or 0: one integer type reads the same from both dialects.
        .addColumn('approval_required', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('discussions')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('ready_at', 'text')
        .addColumn('ready_by', 'text', (c) => c.references('users.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('discussions_pk', ['meeting_id', 'family_id'])
        .execute();
      await db.schema
        .createTable('discussion_versions')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('finalised_at', 'text', (c) => c.notNull())
        .addColumn('finalised_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('approved_by', 'text', (c) => c.references('users.id'))
        .addColumn('discussion_state', sql.raw(bytes), (c) => c.notNull())
        .addColumn('family_state', sql.raw(bytes), (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('discussion_versions_pk', ['meeting_id', 'family_id'])
        .execute();
      await db.schema
        .createTable('discussion_addenda')
        .addColumn('id', serialKey, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('discussion_addenda_by_discussion')
        .on('discussion_addenda')
        .columns(['meeting_id', 'family_id', 'id'])
        .execute();
      // The record is immutable in the database too, not only in the code that writes it: a
      // finalised version is never updated or deleted, and addenda are append-only.
      if (dialect === 'postgres') {
        await sql`CREATE OR REPLACE FUNCTION unitroom_refuse_change() RETURNS trigger
          LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(
          db,
        );
      }
      for (const table of ['discussion_versions', 'discussion_addenda']) {
        if (dialect === 'postgres') {
          await sql
            .raw(
              `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
                `FOR EACH ROW EXECUTE FUNCTION unitroom_refuse_change()`,
            )
            .execute(db);
        } else {
          for (const event of ['UPDATE', 'DELETE']) {
            await sql
              .raw(
                `CREATE TRIGGER ${table}_no_${event.toLowerCase()} BEFORE ${event} ON ${table} ` +
                  `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
              )
              .execute(db);
          }
        }
      }
    },
  };

  // A unit may switch the systemic-discussion prompts off (docs/domain.md, "The eight features and the rating"); on by default.
  // An integer, not a boolean, so both dialects read back the same type.
  const unitSettings: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('units')
        .addColumn('criteria_prompts', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  };

  const unitQuestionBanks: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('unit_question_banks')
        .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
        .addColumn('bank', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
    },
  };

  // SQLite only: the generation of the document journal (storage/updateJournal.ts) whose
  // updates are all committed, written in the same transaction as they are; and how a row packs
  // its entries (`Packing` in storage/sqliteDocumentStore.ts: plain, deflated, or a deflated
  // bundle of one commit's updates). PostgreSQL stores every update as it comes.
  const documentJournal: Migration = {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'sqlite') return;
      await db.schema
        .alterTable('doc_updates')
        .addColumn('deflated', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('doc_journal')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .execute();
    },
  };

  // The deployment's administration (shared/SPEC.md [A1]-[A9]): administrators, deactivated
  // people, archived units, and one-time account links stored as hashes only. A person added by
  // an administrator has an empty password hash until they use their set-up link.
  const administration: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('users')
        .addColumn('administrator', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
      await db.schema.alterTable('units').addColumn('archived_at', 'text').execute();
      await db.schema
        .createTable('account_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('account_links_by_user')
        .on('account_links')
        .column('user_id')
        .execute();
    },
  };

  // Council sign-in (OpenID Connect): the provider's subject a person was linked to on their first
  // sign-in by verified e-mail, so later sign-ins match by subject, never by e-mail again.
  const councilSignIn: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('oidc_issuer', 'text').execute();
      await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
      await db.schema
        .createIndex('users_by_oidc_subject')
        .unique()
        .on('users')
        .columns(['oidc_issuer', 'oidc_subject'])
        .execute();
    },
  };

  // Families and children, one truth (shared/SPEC.md [F1]-[F12]): a child is mirrored from the
  // genogram person marked as a child the unit works for (`person_id`), with the fields a case
  // note needs; a child unmarked stays as inactive (`removed_at`), never deleted. A family is open
  // or closed, never deleted; a transfer changes its unit. A case-record id is unique in the
  // deployment (a partial unique index: many children have none).
  const familiesAndChildren: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('children').addColumn('person_id', 'text').execute();
      await db.schema.alterTable('children').addColumn('birth_date', 'text').execute();
      await db.schema
        .alterTable('children')
        .addColumn('unborn', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('children').addColumn('case_record_id', 'text').execute();
      await db.schema.alterTable('children').addColumn('added_at', 'text').execute();
      await db.schema.alterTable('children').addColumn('removed_at', 'text').execute();
      await db.schema
        .createIndex('children_by_person')
        .on('children')
        .columns(['family_id', 'person_id'])
        .unique()
        .where(sql.ref('person_id'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('children_case_record_id')
        .on('children')
        .column('case_record_id')
        .unique()
        .where(sql.ref('case_record_id'), 'is not', null)
        .execute();
      await db.schema
        .alterTable('families')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .execute();
      await db.schema.alterTable('families').addColumn('lead_worker_id', 'text').execute();
      await db.schema.alterTable('families').addColumn('closed_at', 'text').execute();
      await db.schema.alterTable('families').addColumn('closing_summary', 'text').execute();
    },
  };

  // Who changed a family's genogram or board while the chair had it in focus at a meeting: what
  // the systemic-discussion prompts read as "genogram used" and "board contributors" (SPEC [C2],
  // [C6]). One row per meeting, family and person; 0/1 flags, never a count.
  const discussionActivity: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('discussion_activity')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('genogram', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('board', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('discussion_activity_pk', ['meeting_id', 'family_id', 'user_id'])
        .execute();
    },
  };

  // Who writes with which Yjs client id in which document (collab authority, [V1]).
  const collabClientIds: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('collab_client_ids')
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('collab_client_ids_pk', ['doc_name', 'client_id'])
        .execute();
    },
  };

  const migrations: Record<string, Migration> = {
    '0001_initial': initial,
    '0002_genogram_snapshots': genogramSnapshots,
    '0003_finalisation': finalisation,
    '0004_meeting_planning': meetingPlanning,
    '0005_unit_question_banks': unitQuestionBanks,
    '0008_unit_settings': unitSettings,
    '0009_document_journal': documentJournal,
    '0010_council_sign_in': councilSignIn,
    '0013_administration': administration,
    '0014_families_and_children': familiesAndChildren,
    '0015_collab_client_ids': collabClientIds,
    '0016_discussion_activity': discussionActivity,
  };
  return { getMigrations: async () => migrations };
}
