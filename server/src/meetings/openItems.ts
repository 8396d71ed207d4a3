import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import {
  addDays,
  asFamilyId,
  asMeetingId,
  discussionDocName,
  readDiscussion,
  type FamilyOpenItems,
  type OpenAction,
} from '@unitroom/shared';
import type { SyncServer } from '../collab/syncServer.js';
import type { Database } from '../db/schema.js';
import type { DocumentStore } from '../storage/documentStore.js';

interface LastDiscussion {
  meetingId: string;
  title: string;
  date: string;
}

/**
 * What a family's next discussion starts from: the actions of its last discussion (its planned
 * conversations come back through the board's review, [B19]). Read on the server from the live
 * room or the store, through `readDiscussion` only, so the browser opens no extra documents.
 */
export class OpenItems {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly documents: DocumentStore,
    private readonly sync: SyncServer,
  ) {}

  /** `before`: a meeting id; only discussions at earlier meetings count (its own is the new one). */
  async forFamily(familyId: string, before?: string): Promise<FamilyOpenItems> {
    const family = await this.db
      .selectFrom('families')
      .select(['name', 'unit_id'])
      .where('id', '=', familyId)
      .executeTakeFirstOrThrow();
    const beforeDate = before
      ? (
          await this.db
            .selectFrom('meetings')
            .select('date')
            .where('id', '=', before)
            .executeTakeFirst()
        )?.date
      : undefined;
    const last = await this.lastDiscussion(familyId, before, beforeDate);
    const owners = await this.memberNames(family.unit_id);
    const actions = last
      ? await this.actionsOf({ familyId, familyName: family.name, ...last }, owners)
      : [];
    return { from: last, actions };
  }

  /** Every family's open actions due by `today` + `withinDays` (overdue included), soonest first. */
  async dueInUnit(unitId: string, today: string, withinDays: number): Promise<OpenAction[]> {
    const families = await this.db
      .selectFrom('families')
      .select(['id', 'name'])
      .where('unit_id', '=', unitId)
      .execute();
    const owners = await this.memberNames(unitId);
    const until = addDays(today, withinDays);
    const due: OpenAction[] = [];
    for (const family of families) {
      const last = await this.lastDiscussion(family.id);
      if (!last) continue;
      const actions = await this.actionsOf(
        { familyId: family.id, familyName: family.name, ...last },
        owners,
      );
      due.push(...actions.filter((action) => action.due !== null && action.due <= until));
    }
    return due.sort(
      (a, b) =>
        (a.due ?? '').localeCompare(b.due ?? '') ||
        a.familyName.localeCompare(b.familyName) ||
        a.text.localeCompare(b.text),
    );
  }

  /** The latest meeting (before `before`, if given) that reached the family. */
  private async lastDiscussion(
    familyId: string,
    before?: string,
    beforeDate?: string,
  ): Promise<LastDiscussion | null> {
    let query = this.db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select(['meetings.id', 'meetings.title', 'meetings.date'])
      .where('agenda_items.family_id', '=', familyId)
      .where('agenda_items.reached_at', 'is not', null);
    if (before) query = query.where('meetings.id', '!=', before);
    if (beforeDate) query = query.where('meetings.date', '<=', beforeDate);
    const row = await query
      .orderBy('meetings.date', 'desc')
      .orderBy('agenda_items.reached_at', 'desc')
      .executeTakeFirst();
    return row ? { meetingId: row.id, title: row.title, date: row.date } : null;
  }

  private async actionsOf(
    at: { familyId: string; familyName: string; meetingId: string; date: string },
    owners: Map<string, string>,
  ): Promise<OpenAction[]> {
    const doc = await this.load(
      discussionDocName(asMeetingId(at.meetingId), asFamilyId(at.familyId)),
    );
    const discussion = readDiscussion(doc);
    doc.destroy();
    return discussion.actions
      .filter((action) => action.text.trim() !== '')
      .map((action) => ({
        text: action.text,
        owner: action.owner === null ? null : (owners.get(action.owner) ?? action.owner),
        due: action.due,
        childId: action.childId,
        familyId: at.familyId,
        familyName: at.familyName,
        meetingId: at.meetingId,
        meetingDate: at.date,
      }));
  }

  private async memberNames(unitId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name'])
      .where('memberships.unit_id', '=', unitId)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** From the live room when one holds the document, else from the store's log. */
  private async load(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const live = await this.sync.liveState(name);
    if (live) Y.applyUpdate(doc, live);
    else for (const entry of (await this.documents.load(name)).entries) Y.applyUpdate(doc, entry);
    return doc;
  }
}
