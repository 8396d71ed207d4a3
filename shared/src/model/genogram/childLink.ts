import { z } from 'zod';
import type { ChildLinkId, PersonId, UnionId } from '../../ids.js';

/**
 * A child hanging from their parents' union, or from one parent when the other is not on the
 * genogram. Adoption, fostering, kinship care and step links are drawn differently from birth.
 */
export const CHILD_LINK_KINDS = ['birth', 'adopted', 'fostered', 'kinship', 'step'] as const;
export const childLinkKindSchema = z.enum(CHILD_LINK_KINDS);
export type ChildLinkKind = z.infer<typeof childLinkKindSchema>;

export const childLinkSchema = z
  .object({
    id: z.string(),
    child: z.string(),
    /** Exactly one of `union` and `parent` is set. */
    union: z.string().nullable(),
    parent: z.string().nullable(),
    kind: childLinkKindSchema,
    /** Children sharing a twin group hang from one point; `identical` twins are joined by a bar. */
    twinGroup: z.string().nullable(),
    identical: z.boolean(),
  })
  .refine((link) => (link.union === null) !== (link.parent === null), {
    message: 'a child link hangs from a union or from one parent',
  });
export type ChildLink = {
  id: ChildLinkId;
  child: PersonId;
  union: UnionId | null;
  parent: PersonId | null;
  kind: ChildLinkKind;
  twinGroup: string | null;
  identical: boolean;
};
