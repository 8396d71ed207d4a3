import type { Generated, Insertable, Selectable } from 'kysely';
import type { DiscussionState, MemberRole } from '@unitroom/shared';

/**
 * The relational model, one interface per table, shared by the SQLite and PostgreSQL dialects.
 * Times are ISO-8601 strings in UTC so both dialects store and compare them the same way.
 */
export interface Database {
  users: UsersTable;
  units: UnitsTable;
  memberships: MembershipsTable;
  families: FamiliesTable;
  children: ChildrenTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  doc_updates: DocUpdatesTable;
  genogram_snapshots: GenogramSnapshotsTable;
  meeting_series: MeetingSeriesTable;
  meeting_guests: MeetingGuestsTable;
  unit_settings: UnitSettingsTable;
  discussions: DiscussionsTable;
  discussion_versions: DiscussionVersionsTable;
  discussion_addenda: DiscussionAddendaTable;
  unit_question_banks: UnitQuestionBanksTable;
  account_links: AccountLinksTable;
  discussion_activity: DiscussionActivityTable;
  collab_client_ids: CollabClientIdsTable;
}

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  /** argon2id PHC string; empty until the person chooses a password with their set-up link. */
  password_hash: string;
  created_at: string;
  /** 1 for a deployment administrator (shared/SPEC.md [A1]); independent of unit roles. */
  administrator: Generated<number>;
  /** Set while the person is deactivated: no sign-in, no session, no socket. */
  deactivated_at: Generated<string | null>;
  /** Council sign-in: the OpenID provider's issuer and subject this person is linked to, or null. */
  oidc_issuer: Generated<string | null>;
  oidc_subject: Generated<string | null>;
}

export interface UnitsTable {
  id: string;
  name: string;
  created_at: string;
  /** 1 while the unit shows the systemic-discussion prompts beside the minutes, else 0. */
  criteria_prompts: Generated<number>;
  /** Set once archived: the unit keeps its history and takes no new members. */
  archived_at: Generated<string | null>;
}

export interface MembershipsTable {
  unit_id: string;
  user_id: string;
  role: MemberRole;
  created_at: string;
  /** A removed member keeps their history in the audit trail but loses all access. */
  removed_at: string | null;
}

export interface FamiliesTable {
  id: string;
  unit_id: string;
  name: string;
  created_at: string;
  /** 1: discussed about weekly; 0: about fortnightly. */
  very_active: Generated<number>;
  /** `open` or `closed` ([F8]); never deleted. A transfer changes `unit_id` ([F7]). */
  status: Generated<FamilyStatus>;
  /** A member of the unit who leads the work with the family; null if not named. */
  lead_worker_id: string | null;
  closed_at: string | null;
  /** The short summary written on closing; kept when the family is reopened. */
  closing_summary: string | null;
}

export type FamilyStatus = 'open' | 'closed';

/**
 * The children the unit works for ([F1]-[F5]): a mirror of the genogram people marked as such,
 * kept by the server with the fields a case note needs. A child unmarked keeps its row, inactive.
 */
export interface ChildrenTable {
  id: string;
  family_id: string;
  name: string;
  birth_year: number | null;
  /** The genogram person this child is; null only for rows older than the mirror. */
  person_id: string | null;
  /** Partial ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); the expected date when `unborn`. */
  birth_date: string | null;
  /** 1 for an unborn baby (a pregnancy on the genogram). */
  unborn: Generated<number>;
  /** The child's id in the council's case recording system (LCS, Mosaic); unique when set. */
  case_record_id: string | null;
  added_at: string | null;
  /** Set when the person was unmarked or taken off the genogram; the records stay. */
  removed_at: string | null;
}

export interface MeetingsTable {
  id: string;
  unit_id: string;
  title: string;
  /** `YYYY-MM-DD`. */
  date: string;
  created_at: string;
  /** The weekly series this meeting belongs to, if any. */
  series_id: string | null;
  /** `HH:MM` local time. */
  start_time: string | null;
  /** Set once, on closing; a closed meeting is never reopened. */
  closed_at: string | null;
}

/** A recurring weekly meeting: its meetings fall on the weekday of the first one. */
export interface MeetingSeriesTable {
  id: string;
  unit_id: string;
  title: string;
  start_time: string;
  created_at: string;
}

/**
 * A partner professional invited to one meeting. The account has no membership; this row is its
 * only access, to that meeting and the families on its agenda, until revoked or the meeting closes.
 */
export interface MeetingGuestsTable {
  meeting_id: string;
  user_id: string;
  /** 0: read-only (the default); 1: may write in the meeting and its discussions. */
  can_edit: number;
  added_by: string;
  added_at: string;
  revoked_at: string | null;
}

export interface AgendaItemsTable {
  meeting_id: string;
  family_id: string;
  position: number;
  timebox_minutes: number;
  /** First time the chair focused this family in this meeting: the meeting reached it. */
  reached_at: string | null;
  /** The meeting that did not reach this family and carried it here. */
  carried_from: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_user_id: string | null;
  action: string;
  /** What was acted on: a document name, an e-mail address for sign-ins, a meeting id... */
  target: string | null;
  /** JSON object with details; never document content. */
  detail: string;
  ip: string | null;
}

/** The Yjs update log and snapshots, bytes only; see storage/documentStore.ts. */
export interface DocUpdatesTable {
  id: Generated<number>;
  doc: string;
  data: Uint8Array;
}

/**
 * A family document as it stood when a meeting finished discussing the family: the picture the
 * family page shows for that meeting. One per family and meeting; a later discussion in the same
 * meeting replaces it.
 */
export interface GenogramSnapshotsTable {
  family_id: string;
  meeting_id: string;
  taken_at: string;
  /** The whole family document encoded as one Yjs update. */
  state: Uint8Array;
}

/** A unit's own choices; a unit without a row has the defaults (approval required). */
export interface UnitSettingsTable {
  unit_id: string;
  /** 1 when a ready discussion waits for the consultant's approval, 0 when ready finalises. */
  approval_required: number;
  updated_at: string;
}

/** Where a discussion stands on its way to the record; no row means `draft`. */
export interface DiscussionsTable {
  meeting_id: string;
  family_id: string;
  state: DiscussionState;
  ready_at: string | null;
  ready_by: string | null;
  updated_at: string;
}

/**
 * The immutable record of a finalised discussion (append-only in the database: triggers refuse
 * updates and deletes). `content` is the canonical JSON (RFC 8785) of what was finalised, and
 * `content_hash` its SHA-256 in hex; the two Yjs states let anyone rebuild and check it.
 */
export interface DiscussionVersionsTable {
  meeting_id: string;
  family_id: string;
  finalised_at: string;
  /** Who finalised it: the approver, or whoever marked it ready when approval was off. */
  finalised_by: string;
  approved_by: string | null;
  /** The discussion document `discussion:<meeting>:<family>` as one Yjs update. */
  discussion_state: Uint8Array;
  /** The family document (genogram and board) as it stood, as one Yjs update. */
  family_state: Uint8Array;
  content: string;
  content_hash: string;
}

/** Corrections to a finalised discussion: dated, authored, append-only. */
export interface DiscussionAddendaTable {
  id: Generated<number>;
  meeting_id: string;
  family_id: string;
  author_user_id: string;
  created_at: string;
  text: string;
}

/** A unit's own question bank (shared/SPEC.md [Q1]-[Q3]); no row means the default bank. */
export interface UnitQuestionBanksTable {
  unit_id: string;
  /** The whole bank as JSON, checked against `questionBankSchema` on the way in and out. */
  bank: string;
  /** Starts at 1 on the first save; a save must name the version it was edited from. */
  version: number;
  updated_at: string;
  updated_by: string;
}

/**
 * A one-time link to choose a password: `setup` for a new person, `reset` issued by an
 * administrator. Only the SHA-256 of the token is stored; a newer link for the same person makes
 * older unused ones invalid.
 */
export interface AccountLinksTable {
  token_hash: string;
  user_id: string;
  purpose: 'setup' | 'reset';
  created_at: string;
  /** The administrator who issued it; null when issued from the command line. */
  created_by: string | null;
  expires_at: string;
  used_at: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;

/**
 * Who changed a family's genogram or board while it was in focus at a meeting (SPEC [C2], [C6]):
 * 0/1 flags per meeting, family and person, read by the systemic-discussion prompts.
 */
export interface DiscussionActivityTable {
  meeting_id: string;
  family_id: string;
  user_id: string;
  genogram: number;
  board: number;
  updated_at: string;
}

/**
 * Which person writes with which Yjs client id in a document (shared/SPEC.md [V1]): claimed by
 * the first update that uses a fresh id, kept so that a restart does not reopen the claim.
 */
export interface CollabClientIdsTable {
  doc_name: string;
  /** A Yjs client id (an unsigned 32-bit integer), as text: both dialects read it back alike. */
  client_id: string;
  user_id: string;
  claimed_at: string;
}
