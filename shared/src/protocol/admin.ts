import { z } from 'zod';
import type { MemberRole } from '../model/role.js';

/**
 * The deployment's administration (shared/SPEC.md [A1]-[A9]): units, people, their roles per
 * unit, and local accounts' one-time links. Request bodies are read loosely here (strings and
 * booleans) so the server can refuse each bad value with its own code rather than one "bad
 * request".
 */

/** Longest name of a person or a unit, in characters after trimming. */
export const NAME_MAX_LENGTH = 120;
/** Shortest password a person may choose. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted (argon2 hashes anything; this caps the work per request). */
export const PASSWORD_MAX_LENGTH = 1024;
/** How long a set-up or reset link stays usable. */
export const ACCOUNT_LINK_TTL_MS = 72 * 60 * 60 * 1000;

/** Roles a unit membership can hold, in the order the administration lists them. */
export const MEMBER_ROLES: readonly MemberRole[] = [
  'consultant_social_worker',
  'social_worker',
  'child_practitioner',
  'clinician',
  'unit_coordinator',
  'manager',
];
export const isMemberRole = (value: unknown): value is MemberRole =>
  typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value);

/** `POST /api/admin/units`, `PUT /api/admin/units/:unitId` */
export const unitNameRequestSchema = z.object({ name: z.string() });

/** `POST /api/admin/people` */
export const addPersonRequestSchema = z.object({
  name: z.string(),
  email: z.string(),
  administrator: z.boolean().optional(),
});

/** `PUT /api/admin/units/:unitId/members/:userId` (adds or changes the role). */
export const setMembershipRequestSchema = z.object({
  role: z.string(),
  /** When this change leaves the unit without a consultant: who becomes its consultant. */
  replacementConsultantId: z.string().optional(),
});

/** `DELETE /api/admin/units/:unitId/members/:userId` and `POST .../people/:id/deactivate`. */
export const replacementRequestSchema = z.object({
  replacementConsultantId: z.string().optional(),
});

/** `PUT /api/admin/people/:userId/administrator` */
export const setAdministratorRequestSchema = z.object({ administrator: z.boolean() });

/** `POST /api/account/link` (public): set a password with a one-time link's token. */
export const useAccountLinkRequestSchema = z.object({
  token: z.string().max(128),
  password: z.string(),
});

/** `PUT /api/account/password` */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
  newPassword: z.string(),
});

export const adminUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  archived: z.boolean(),
  memberCount: z.number().int(),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;

export const adminMembershipSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  role: z.string(),
});

export const adminPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  administrator: z.boolean(),
  active: z.boolean(),
  /** Whether a password has been chosen: without one, only a set-up link lets them in. */
  hasPassword: z.boolean(),
  /** Linked to a council account (OpenID) by a first council sign-in: they need no password. */
  councilAccount: z.boolean(),
  memberships: z.array(adminMembershipSchema),
});
export type AdminPerson = z.infer<typeof adminPersonSchema>;

export const adminUnitDetailSchema = adminUnitSchema.extend({
  members: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      active: z.boolean(),
    }),
  ),
});
export type AdminUnitDetail = z.infer<typeof adminUnitDetailSchema>;

/** A one-time link to pass on to the person; shown once, stored only as a hash. */
export const accountLinkResponseSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
});
export type AccountLinkResponse = z.infer<typeof accountLinkResponseSchema>;

/** `POST /api/admin/people` answers the person and their set-up link. */
export const addPersonResponseSchema = z.object({
  person: adminPersonSchema,
  link: accountLinkResponseSchema,
});
export type AddPersonResponse = z.infer<typeof addPersonResponseSchema>;

/** The client route a set-up or reset link opens; the token rides in the fragment (never sent in requests or logs). */
export const ACCOUNT_LINK_PATH = '/account/set-password';
export const accountLinkUrl = (baseUrl: string, token: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${ACCOUNT_LINK_PATH}#${token}`;
