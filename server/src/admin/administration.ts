import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  API_ERROR_CODES,
  ID_PATTERN,
  NAME_MAX_LENGTH,
  ROLE_LABELS,
  isMemberRole,
  safeLine,
  type AdminPerson,
  type AdminUnit,
  type AdminUnitDetail,
  type MemberRole,
} from '@unitroom/shared';
import type { AccessRevocations } from '../revocation/revocations.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Database } from '../db/schema.js';
import { endSessions, type AccountLinks } from './accountLinks.js';
import { AdminError } from './errors.js';

const newId = () => randomBytes(15).toString('base64url');
const CONSULTANT: MemberRole = 'consultant_social_worker';
const emailSchema = z.string().trim().toLowerCase().email().max(254);

/**
 * Who acts, for the audit trail. `actorId` null: the server itself, from its command line or
 * (`via`) the demo seed.
 */
export interface Actor {
  actorId: string | null;
  ip: string | null;
  via?: string;
}

const notFound = (what: string) => new AdminError(API_ERROR_CODES.NOT_FOUND, `No such ${what}.`);

/** A name as people see it: one line, no invisible controls, within the limit ([A6]). */
export function cleanName(raw: string, what: 'person' | 'unit'): string {
  const name = safeLine(raw).trim().replace(/\s+/g, ' ');
  if (name.length === 0) {
    throw new AdminError(
      API_ERROR_CODES.NAME_MISSING,
      what === 'unit' ? 'Enter the unit’s name.' : 'Enter the person’s full name.',
    );
  }
  if (name.length > NAME_MAX_LENGTH) {
    throw new AdminError(
      API_ERROR_CODES.NAME_TOO_LONG,
      `Names must be ${NAME_MAX_LENGTH} characters or fewer.`,
    );
  }
  return name;
}

export function cleanEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AdminError(
      API_ERROR_CODES.EMAIL_INVALID,
      'Enter an email address in the right format, like name@council.gov.uk.',
    );
  }
  return parsed.data;
}

function checkRole(role: string): MemberRole {
  if (!isMemberRole(role)) {
    throw new AdminError(API_ERROR_CODES.UNKNOWN_ROLE, `There is no role called “${role}”.`);
  }
  return role;
}

/**
 * [A4] Throws unless, once `leavingUserId` stops being a consultant of `unitId`, the unit still
 * has a consultant social worker (someone else, active). Used by the administration and by the
 * unit's own member management alike.
 */
export async function ensureConsultantRemains(
  db: Kysely<Database>,
  unitId: string,
  leavingUserId: string,
): Promise<void> {
  const others = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('memberships.user_id')
    .where('memberships.unit_id', '=', unitId)
    .where('memberships.role', '=', CONSULTANT)
    .where('memberships.removed_at', 'is', null)
    .where('users.deactivated_at', 'is', null)
    .where('memberships.user_id', '!=', leavingUserId)
    .limit(1)
    .executeTakeFirst();
  const leaving = await db
    .selectFrom('memberships')
    .select('role')
    .where('unit_id', '=', unitId)
    .where('user_id', '=', leavingUserId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!others && leaving?.role === CONSULTANT) {
    throw new AdminError(
      API_ERROR_CODES.LAST_CONSULTANT,
      `A unit always keeps a ${ROLE_LABELS.consultant_social_worker.toLowerCase()}: name who takes over first.`,
    );
  }
}

/**
 * The deployment's administration ([A1]-[A7]): units, people, and each person's role per unit.
 * Every method checks that the actor is an active administrator, refuses bad input with an
 * `AdminError` naming what was wrong, and changes nothing when it refuses.
 */
export class Administration {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly options: {
      db: Kysely<Database>;
      audit: AuditLog;
      revocations: AccessRevocations;
      links: AccountLinks;
      now?: () => Date;
    },
  ) {
    this.db = options.db;
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** [A1] Only an active deployment administrator administers; the command line always may. */
  async requireAdministrator(actor: Actor): Promise<void> {
    if (actor.actorId === null) return;
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', actor.actorId)
      .where('administrator', '=', 1)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row) {
      throw new AdminError(
        API_ERROR_CODES.NOT_ADMINISTRATOR,
        'Only an administrator of Unitroom can do this.',
      );
    }
  }

  async listUnits(actor: Actor): Promise<AdminUnit[]> {
    await this.requireAdministrator(actor);
    const units = await this.db
      .selectFrom('units')
      .leftJoin('memberships', (join) =>
        join.onRef('memberships.unit_id', '=', 'units.id').on('memberships.removed_at', 'is', null),
      )
      .select(['units.id', 'units.name', 'units.archived_at'])
      .select((eb) => eb.fn.count<number>('memberships.user_id').as('members'))
      .groupBy(['units.id', 'units.name', 'units.archived_at'])
      .orderBy('units.name')
      .execute();
    return units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      archived: unit.archived_at !== null,
      memberCount: Number(unit.members),
    }));
  }

  async unit(actor: Actor, unitId: string): Promise<AdminUnitDetail> {
    await this.requireAdministrator(actor);
    const unit = await this.findUnit(unitId);
    const members = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name', 'users.email', 'memberships.role', 'users.deactivated_at'])
      .where('memberships.unit_id', '=', unit.id)
      .where('memberships.removed_at', 'is', null)
      .orderBy('users.name')
      .execute();
    return {
      id: unit.id,
      name: unit.name,
      archived: unit.archived_at !== null,
      memberCount: members.length,
      members: members.map((m) => ({
        userId: m.id,
        name: m.name,
        email: m.email,
        role: m.role,
        active: m.deactivated_at === null,
      })),
    };
  }

  async createUnit(actor: Actor, rawName: string): Promise<AdminUnit> {
    await this.requireAdministrator(actor);
    const name = cleanName(rawName, 'unit');
    const id = newId();
    await this.db.insertInto('units').values({ id, name, created_at: this.nowIso() }).execute();
    await this.audit(actor, 'admin.unit-created', id, { name });
    return { id, name, archived: false, memberCount: 0 };
  }

  async renameUnit(actor: Actor, unitId: string, rawName: string): Promise<void> {
    await this.requireAdministrator(actor);
    const name = cleanName(rawName, 'unit');
    const unit = await this.findUnit(unitId);
    if (unit.archived_at !== null) throw archived();
    await this.db.updateTable('units').set({ name }).where('id', '=', unit.id).execute();
    await this.audit(actor, 'admin.unit-renamed', unit.id, { from: unit.name, to: name });
  }

  /**
   * [A3] An archived unit keeps its history, and its members keep reading it; it takes no new
   * members, roles or name.
   */
  async archiveUnit(actor: Actor, unitId: string): Promise<void> {
    await this.requireAdministrator(actor);
    const unit = await this.findUnit(unitId);
    if (unit.archived_at !== null) return;
    await this.db
      .updateTable('units')
      .set({ archived_at: this.nowIso() })
      .where('id', '=', unit.id)
      .execute();
    await this.audit(actor, 'admin.unit-archived', unit.id, {});
  }

  /**
   * [A11] Brings an archived unit back into use (a unit archived by mistake, or reformed): it
   * takes members, roles and a new name again. Its members and history never went anywhere.
   */
  async restoreUnit(actor: Actor, unitId: string): Promise<void> {
    await this.requireAdministrator(actor);
    const unit = await this.findUnit(unitId);
    if (unit.archived_at === null) return;
    await this.db
      .updateTable('units')
      .set({ archived_at: null })
      .where('id', '=', unit.id)
      .execute();
    await this.audit(actor, 'admin.unit-restored', unit.id, { archivedAt: unit.archived_at });
  }

  async listPeople(actor: Actor): Promise<AdminPerson[]> {
    await this.requireAdministrator(actor);
    const people = await this.db
      .selectFrom('users')
      .select(PERSON_COLUMNS)
      .orderBy('name')
      .execute();
    const memberships = await this.unitsHeld();
    // Guests of a meeting are accounts too, but not the administration's people.
    const guests = new Set(
      (await this.db.selectFrom('meeting_guests').select('user_id').execute()).map(
        (row) => row.user_id,
      ),
    );
    return people
      .filter(
        (person) =>
          !guests.has(person.id) ||
          person.administrator === 1 ||
          memberships.some((m) => m.user_id === person.id),
      )
      .map((person) => toPerson(person, memberships));
  }

  async person(actor: Actor, userId: string): Promise<AdminPerson> {
    await this.requireAdministrator(actor);
    const person = await this.findPerson(userId);
    const memberships = await this.unitsHeld(person.id);
    return toPerson(person, memberships);
  }

  /**
   * [A2] Adds a person (name, e-mail, administrator or not) and issues their set-up link. An
   * e-mail address belongs to one person in the whole deployment.
   */
  async addPerson(
    actor: Actor,
    input: { name: string; email: string; administrator?: boolean },
  ): Promise<{ person: AdminPerson; token: string; expiresAt: string }> {
    await this.requireAdministrator(actor);
    const name = cleanName(input.name, 'person');
    const email = cleanEmail(input.email);
    const id = newId();
    const link = await this.db.transaction().execute(async (tx) => {
      const taken = await tx
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (taken) {
        throw new AdminError(
          API_ERROR_CODES.EMAIL_TAKEN,
          `${email} already belongs to someone in Unitroom. Find them in People instead.`,
        );
      }
      await tx
        .insertInto('users')
        .values({
          id,
          email,
          name,
          password_hash: '',
          created_at: this.nowIso(),
          administrator: input.administrator ? 1 : 0,
        })
        .execute();
      return this.options.links.issue(id, 'setup', actor.actorId, tx);
    });
    await this.audit(actor, 'admin.person-added', id, {
      administrator: input.administrator === true,
    });
    return { person: await this.person(actor, id), ...link };
  }

  /**
   * [A2][A4] Gives `userId` `role` in `unitId`, adding them to the unit or changing their role.
   * A consultant who is the unit's last one changes role only when `replacementId` names who
   * takes over (they become the unit's consultant in the same step).
   */
  async setMembership(
    actor: Actor,
    unitId: string,
    userId: string,
    rawRole: string,
    replacementId?: string,
  ): Promise<void> {
    await this.requireAdministrator(actor);
    const role = checkRole(rawRole);
    const unit = await this.findUnit(unitId);
    if (unit.archived_at !== null) throw archived();
    const person = await this.findPerson(userId);
    if (person.deactivated_at !== null) throw deactivated(person.name);
    const reRoled = await this.db.transaction().execute(async (tx) => {
      const changed: string[] = [];
      if (role !== CONSULTANT) {
        const replacement = await this.handOver(tx, unit.id, person.id, replacementId);
        if (replacement) changed.push(replacement);
      }
      if (await upsertMembership(tx, unit.id, person.id, role, this.nowIso()))
        changed.push(person.id);
      return changed;
    });
    await this.reconnect(unit.id, reRoled);
    await this.audit(actor, 'admin.membership-set', person.id, {
      unitId: unit.id,
      role,
      ...(replacementId ? { replacementConsultantId: replacementId } : {}),
    });
  }

  /** [A4][A5] Removes `userId` from the unit; their sockets to it close at once. */
  async removeMembership(
    actor: Actor,
    unitId: string,
    userId: string,
    replacementId?: string,
  ): Promise<void> {
    await this.requireAdministrator(actor);
    const unit = await this.findUnit(unitId);
    const person = await this.findPerson(userId);
    let replacement: string | null = null;
    const removed = await this.db.transaction().execute(async (tx) => {
      replacement = await this.handOver(tx, unit.id, person.id, replacementId);
      const result = await tx
        .updateTable('memberships')
        .set({ removed_at: this.nowIso() })
        .where('unit_id', '=', unit.id)
        .where('user_id', '=', person.id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
    if (!removed) throw notFound('member in this unit');
    await this.options.revocations.publish({ kind: 'member', unitId: unit.id, userId: person.id });
    await this.reconnect(unit.id, replacement ? [replacement] : []);
    await this.audit(actor, 'admin.membership-removed', person.id, { unitId: unit.id });
  }

  /**
   * [A5][A7] Deactivates a person: no sign-in, every session and socket ends, in every process.
   * Their memberships stay (reactivating brings them back); where they are a unit's last
   * consultant, `replacementId` must name who takes over.
   */
  async deactivate(actor: Actor, userId: string, replacementId?: string): Promise<void> {
    await this.requireAdministrator(actor);
    const person = await this.findPerson(userId);
    if (person.id === actor.actorId) {
      throw new AdminError(
        API_ERROR_CODES.CONFLICT,
        'Ask another administrator to deactivate you.',
      );
    }
    if (person.deactivated_at !== null) return;
    const units = await this.activeUnitsOf(person.id);
    const reRoled: Array<[string, string]> = [];
    await this.db.transaction().execute(async (tx) => {
      for (const unitId of units) {
        const replacement = await this.handOver(tx, unitId, person.id, replacementId);
        if (replacement) reRoled.push([unitId, replacement]);
      }
      await tx
        .updateTable('users')
        .set({ deactivated_at: this.nowIso() })
        .where('id', '=', person.id)
        .execute();
      await tx
        .deleteFrom('account_links')
        .where('user_id', '=', person.id)
        .where('used_at', 'is', null)
        .execute();
    });
    for (const unitId of units) {
      await this.options.revocations.publish({ kind: 'member', unitId, userId: person.id });
    }
    await endSessions(this.db, this.options.revocations, person.id);
    for (const [unitId, replacement] of reRoled) await this.reconnect(unitId, [replacement]);
    await this.audit(actor, 'admin.person-deactivated', person.id, {});
  }

  async reactivate(actor: Actor, userId: string): Promise<void> {
    await this.requireAdministrator(actor);
    const person = await this.findPerson(userId);
    if (person.deactivated_at === null) return;
    await this.db
      .updateTable('users')
      .set({ deactivated_at: null })
      .where('id', '=', person.id)
      .execute();
    await this.audit(actor, 'admin.person-reactivated', person.id, {});
  }

  /**
   * [A1] Makes someone an administrator of the deployment, or no longer one. Nobody takes the
   * role from themselves, so the deployment always keeps the administrator acting here.
   */
  async setAdministrator(actor: Actor, userId: string, administrator: boolean): Promise<void> {
    await this.requireAdministrator(actor);
    const person = await this.findPerson(userId);
    if (!administrator && person.id === actor.actorId) {
      throw new AdminError(
        API_ERROR_CODES.CONFLICT,
        'Ask another administrator to take your administrator role away.',
      );
    }
    if (administrator && person.deactivated_at !== null) throw deactivated(person.name);
    if ((person.administrator === 1) === administrator) return;
    await this.db
      .updateTable('users')
      .set({ administrator: administrator ? 1 : 0 })
      .where('id', '=', person.id)
      .execute();
    await this.audit(actor, 'admin.administrator-set', person.id, { administrator });
  }

  /** [A8] A reset link for an active person; their earlier unused links stop working. */
  async issueResetLink(
    actor: Actor,
    userId: string,
  ): Promise<{ token: string; expiresAt: string }> {
    await this.requireAdministrator(actor);
    const person = await this.findPerson(userId);
    if (person.deactivated_at !== null) throw deactivated(person.name);
    const purpose = person.password_hash === '' ? 'setup' : 'reset';
    const link = await this.options.links.issue(person.id, purpose, actor.actorId);
    await this.audit(actor, 'admin.link-issued', person.id, { purpose });
    return link;
  }

  /**
   * The first administrator of an empty deployment, from the command line (no actor): added as
   * any person is, with a set-up link.
   */
  async createFirstAdministrator(
    input: { name: string; email: string },
    ip: string | null = null,
  ): Promise<{ person: AdminPerson; token: string; expiresAt: string }> {
    return this.addPerson({ actorId: null, ip }, { ...input, administrator: true });
  }

  /**
   * [A5] A socket carries the role it joined with, so whoever's role in `unitId` changed is
   * disconnected from it: they come back with their new role, and a demotion takes effect at once.
   */
  private async reconnect(unitId: string, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await this.options.revocations.publish({ kind: 'member', unitId, userId });
    }
  }

  /**
   * Before `leavingId` stops being a consultant of `unitId`: if they are its last one, the
   * replacement (an active person) becomes its consultant, or the change is refused. Returns the
   * replacement when an existing member's role changed.
   */
  private async handOver(
    tx: Kysely<Database>,
    unitId: string,
    leavingId: string,
    replacementId: string | undefined,
  ): Promise<string | null> {
    try {
      await ensureConsultantRemains(tx, unitId, leavingId);
      return null;
    } catch (error) {
      if (!(error instanceof AdminError) || replacementId === undefined) throw error;
    }
    if (replacementId === leavingId || !ID_PATTERN.test(replacementId)) {
      throw new AdminError(
        API_ERROR_CODES.LAST_CONSULTANT,
        'Choose someone else to take over as consultant social worker.',
      );
    }
    const replacement = await tx
      .selectFrom('users')
      .select(['id', 'deactivated_at'])
      .where('id', '=', replacementId)
      .executeTakeFirst();
    if (!replacement) throw notFound('person to take over');
    if (replacement.deactivated_at !== null) throw deactivated('The person named to take over');
    const changed = await upsertMembership(tx, unitId, replacement.id, CONSULTANT, this.nowIso());
    return changed ? replacement.id : null;
  }

  /** The units each person (or only `userId`) is an active member of, with their role, by name. */
  private async unitsHeld(userId?: string): Promise<HeldUnit[]> {
    let query = this.db
      .selectFrom('memberships')
      .innerJoin('units', 'units.id', 'memberships.unit_id')
      .select(['memberships.user_id', 'units.id', 'units.name', 'memberships.role'])
      .where('memberships.removed_at', 'is', null);
    if (userId !== undefined) query = query.where('memberships.user_id', '=', userId);
    return query.orderBy('units.name').execute();
  }

  private async activeUnitsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('unit_id')
      .where('user_id', '=', userId)
      .where('removed_at', 'is', null)
      .execute();
    return rows.map((row) => row.unit_id);
  }

  private async findUnit(unitId: string) {
    if (!ID_PATTERN.test(unitId)) throw notFound('unit');
    const unit = await this.db
      .selectFrom('units')
      .select(['id', 'name', 'archived_at'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!unit) throw notFound('unit');
    return unit;
  }

  private async findPerson(userId: string) {
    if (!ID_PATTERN.test(userId)) throw notFound('person');
    const person = await this.db
      .selectFrom('users')
      .select(PERSON_COLUMNS)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!person) throw notFound('person');
    return person;
  }

  private async audit(
    actor: Actor,
    action: Parameters<AuditLog['record']>[0]['action'],
    target: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.options.audit.record({
      action,
      actorUserId: actor.actorId,
      target,
      detail: actor.actorId === null ? { ...detail, via: actor.via ?? 'command line' } : detail,
      ip: actor.ip,
    });
  }
}

/** What the administration shows of a person, read by `toPerson`. */
const PERSON_COLUMNS = [
  'id',
  'name',
  'email',
  'administrator',
  'deactivated_at',
  'password_hash',
  'oidc_subject',
] as const;

/** A person's active membership of a unit: the unit's id and name, and their role in it. */
interface HeldUnit {
  user_id: string;
  id: string;
  name: string;
  role: string;
}

const archived = () =>
  new AdminError(
    API_ERROR_CODES.UNIT_ARCHIVED,
    'This unit is archived: it takes no new members and no changes.',
  );

const deactivated = (name: string) =>
  new AdminError(
    API_ERROR_CODES.PERSON_DEACTIVATED,
    `${name} is deactivated. Reactivate them first.`,
  );

/** Adds or updates the membership; true when an active member's role changed. */
async function upsertMembership(
  tx: Kysely<Database>,
  unitId: string,
  userId: string,
  role: MemberRole,
  now: string,
): Promise<boolean> {
  const existing = await tx
    .selectFrom('memberships')
    .select(['user_id', 'role', 'removed_at'])
    .where('unit_id', '=', unitId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing) {
    // A removed member who comes back is the same row, active again with the new role.
    await tx
      .updateTable('memberships')
      .set({ role, removed_at: null })
      .where('unit_id', '=', unitId)
      .where('user_id', '=', userId)
      .execute();
    return existing.removed_at === null && existing.role !== role;
  }
  await tx
    .insertInto('memberships')
    .values({ unit_id: unitId, user_id: userId, role, created_at: now, removed_at: null })
    .execute();
  return false;
}

function toPerson(
  person: {
    id: string;
    name: string;
    email: string;
    administrator: number;
    deactivated_at: string | null;
    password_hash: string;
    oidc_subject: string | null;
  },
  memberships: HeldUnit[],
): AdminPerson {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    administrator: person.administrator === 1,
    active: person.deactivated_at === null,
    hasPassword: person.password_hash !== '',
    councilAccount: person.oidc_subject !== null,
    memberships: memberships
      .filter((m) => m.user_id === person.id)
      .map((m) => ({ unitId: m.id, unitName: m.name, role: m.role })),
  };
}
