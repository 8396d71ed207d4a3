/**
 * Branded ids. A plain string cannot be passed where a `FamilyId` is expected, so a meeting id
 * never ends up in a family query by accident. Ids are opaque, URL-safe strings made by the server.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<string, 'UserId'>;
export type UnitId = Brand<string, 'UnitId'>;
export type FamilyId = Brand<string, 'FamilyId'>;
export type ChildId = Brand<string, 'ChildId'>;
export type MeetingId = Brand<string, 'MeetingId'>;

export const asUserId = (id: string) => id as UserId;
export const asUnitId = (id: string) => id as UnitId;
export const asFamilyId = (id: string) => id as FamilyId;
export const asChildId = (id: string) => id as ChildId;
export const asMeetingId = (id: string) => id as MeetingId;

/** Ids are 1-64 characters of [A-Za-z0-9_-]: safe in URLs, document names and log lines. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Genogram entities live inside a family document; their ids are made by the client. */
export type PersonId = Brand<string, 'PersonId'>;
export type UnionId = Brand<string, 'UnionId'>;
export type ChildLinkId = Brand<string, 'ChildLinkId'>;
export type RelationshipId = Brand<string, 'RelationshipId'>;
export type HouseholdId = Brand<string, 'HouseholdId'>;
export type EcomapEntryId = Brand<string, 'EcomapEntryId'>;

/** Hypotheses-board entities live inside a family document; their ids are made by the client. */
export type HypothesisId = Brand<string, 'HypothesisId'>;
export type ConversationId = Brand<string, 'ConversationId'>;
export type QuestionId = Brand<string, 'QuestionId'>;
export type BoardNoteId = Brand<string, 'BoardNoteId'>;
