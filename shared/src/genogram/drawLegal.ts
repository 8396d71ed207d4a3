import type { PersonId } from '../ids.js';
import type { Genogram } from '../model/genogram/genogram.js';
import type { Point, Rect } from './geometry.js';
import { compareStrings, pt } from './geometry.js';
import { uniqueById } from './layoutGraph.js';
import type { ContactRestrictionLayout, ParentalResponsibilityLayout } from './layoutTypes.js';
import type { Placed, Scene, Way } from './drawCommon.js';
import { U, roundPath } from './drawCommon.js';

/** Legal markers ([L13]): badges off a symbol's top corners, connectors to the children. */
export function drawLegalMarkers(
  genogram: Genogram,
  scene: Scene,
  way: Way,
): {
  parentalResponsibility: ParentalResponsibilityLayout[];
  contactRestrictions: ContactRestrictionLayout[];
} {
  const { placed, at } = scene;
  const corner = (p: Placed, side: 'left' | 'right'): Point => ({
    x: p.x + (side === 'right' ? 1 : -1) * (p.size / 2),
    y: p.y - p.size / 2,
  });
  const badge = (p: Placed, side: 'left' | 'right'): Point => {
    const c = corner(p, side);
    return { x: c.x + (side === 'right' ? 1 : -1) * U.badgeOffset, y: c.y - U.badgeOffset };
  };
  // Straight when that is clear of every label and other symbol, else around them ([L13]).
  const connect = (from: Point, to: Point, a: PersonId, b: PersonId): Point[] => {
    const own = [way.symbolBox.get(a), way.symbolBox.get(b)];
    const ignore = (r: Rect) => own.includes(r);
    const straight = [from, to];
    if (way.obstacles.hits(straight, ignore) === 0) return roundPath(straight);
    return roundPath(way.router.route(from, to, ignore) ?? straight);
  };
  const prByHolder = new Map<PersonId, ParentalResponsibilityLayout>();
  for (const pr of uniqueById(genogram.parentalResponsibility)) {
    if (!placed.has(pr.holder) || !placed.has(pr.child) || pr.holder === pr.child) continue;
    const b = badge(at(pr.holder), 'right');
    const entry = prByHolder.get(pr.holder) ?? {
      holder: pr.holder,
      badge: pt(b.x, b.y),
      entries: [],
    };
    const c = corner(at(pr.child), 'right');
    entry.entries.push({
      id: pr.id,
      child: pr.child,
      connector: connect(b, c, pr.holder, pr.child),
    });
    prByHolder.set(pr.holder, entry);
  }
  const crByPerson = new Map<PersonId, ContactRestrictionLayout>();
  for (const cr of uniqueById(genogram.contactRestrictions)) {
    if (!placed.has(cr.person)) continue;
    if (cr.child !== null && (!placed.has(cr.child) || cr.child === cr.person)) continue;
    const b = badge(at(cr.person), 'left');
    const entry = crByPerson.get(cr.person) ?? {
      person: cr.person,
      badge: pt(b.x, b.y),
      entries: [],
    };
    const c = cr.child === null ? null : corner(at(cr.child), 'left');
    entry.entries.push({
      id: cr.id,
      child: cr.child,
      connector: c === null || cr.child === null ? null : connect(b, c, cr.person, cr.child),
    });
    crByPerson.set(cr.person, entry);
  }
  const byKey = <T>(map: Map<PersonId, T>) =>
    [...map].sort(([a], [b]) => compareStrings(a, b)).map(([, value]) => value);
  const parentalResponsibility = byKey(prByHolder);
  const contactRestrictions = byKey(crByPerson);

  return { parentalResponsibility, contactRestrictions };
}
