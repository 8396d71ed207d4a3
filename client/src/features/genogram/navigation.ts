import type { GenogramLayout, PersonId, PersonLayout } from '@unitroom/shared';

export type NavigationKey = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

/**
 * Where the arrow keys take the selection on the canvas: along the row for left and right, to the
 * person's parents for up and to their children for down (the nearest by position when there are
 * several), and to the nearest person in the next row when there are none, so every person can be
 * reached from every other with arrows alone. Positions are the drawn ones, nudges included, so
 * the keys go where the eye expects.
 */
export function navigate(
  layout: GenogramLayout,
  from: PersonId,
  key: NavigationKey,
): PersonId | null {
  const people = new Map(layout.people.map((p) => [p.id, p]));
  const current = people.get(from);
  if (!current) return null;
  const byX = (a: PersonLayout, b: PersonLayout) =>
    a.centre.x - b.centre.x || (a.id < b.id ? -1 : 1);
  const row = layout.people.filter((p) => p.row === current.row).sort(byX);
  const index = row.findIndex((p) => p.id === from);

  switch (key) {
    case 'left':
      return row[index - 1]?.id ?? null;
    case 'right':
      return row[index + 1]?.id ?? null;
    case 'first':
      return row[0]?.id ?? null;
    case 'last':
      return row.at(-1)?.id ?? null;
    case 'up':
      return (
        nearest(
          current,
          parentsOf(layout, from).flatMap((id) => people.get(id) ?? []),
        ) ?? nearestInRow(layout, current, -1)
      );
    case 'down':
      return (
        nearest(
          current,
          childrenOf(layout, from).flatMap((id) => people.get(id) ?? []),
        ) ?? nearestInRow(layout, current, 1)
      );
  }
}

function parentsOf(layout: GenogramLayout, child: PersonId): PersonId[] {
  const unions = new Map(layout.unions.map((u) => [u.id, u]));
  const links = layout.childLinks
    .filter((link) => link.child === child)
    // The link the child stands under first: that is the line the eye follows up.
    .sort((a, b) => Number(b.primary) - Number(a.primary));
  return links.flatMap((link) => {
    if (link.parent !== null) return [link.parent];
    const union = link.union === null ? undefined : unions.get(link.union);
    return union ? [union.partnerA, union.partnerB] : [];
  });
}

function childrenOf(layout: GenogramLayout, parent: PersonId): PersonId[] {
  const unions = new Set(
    layout.unions
      .filter((u) => u.partnerA === parent || u.partnerB === parent)
      .map((u) => u.id as string),
  );
  return layout.childLinks
    .filter((link) => link.parent === parent || (link.union !== null && unions.has(link.union)))
    .map((link) => link.child);
}

function nearest(from: PersonLayout, candidates: PersonLayout[]): PersonId | null {
  let best: PersonLayout | null = null;
  for (const candidate of candidates) {
    if (candidate.id === from.id) continue;
    const distance = Math.abs(candidate.centre.x - from.centre.x);
    const bestDistance = best ? Math.abs(best.centre.x - from.centre.x) : Infinity;
    if (distance < bestDistance || (distance === bestDistance && best && candidate.id < best.id))
      best = candidate;
  }
  return best?.id ?? null;
}

/** The nearest person in the closest row above (`step` -1) or below (+1) that has anyone. */
function nearestInRow(layout: GenogramLayout, from: PersonLayout, step: 1 | -1): PersonId | null {
  const rows = [...new Set(layout.people.map((p) => p.row))].sort((a, b) => a - b);
  const candidates =
    step < 0 ? rows.filter((r) => r < from.row).reverse() : rows.filter((r) => r > from.row);
  const next = candidates[0];
  if (next === undefined) return null;
  return nearest(
    from,
    layout.people.filter((p) => p.row === next),
  );
}
