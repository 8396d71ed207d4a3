import * as Y from 'yjs';
import type { DocumentShape } from '@unitroom/shared';
import { decodeUpdateOnce } from './decodedUpdate.js';

/**
 * Reads what a client's update would do to the room's document, before it is applied
 * (shared/SPEC.md [V1]-[V5]), with Yjs's own decoder (`decodeUpdate`) and the document's struct
 * store. Nothing is applied and the document is only read.
 *
 * A decoded item names its parent only when it has no neighbour to take it from (Yjs leaves the
 * parent out of the encoding otherwise), so each new item's place is found through its origin:
 * an item of the document, or another item of the same update, resolved first.
 */

/** Where a type sits: its root, how deep, and the entity (entry of a root) it belongs to. */
export interface Place {
  readonly root: string;
  /** 0 for a root, 1 for an entry of a root, and so on. */
  readonly depth: number;
  /** The root entry this lies in (the entity), or null for a root. */
  readonly entity: Y.Item | null;
  /** The entity's field this lies in (the key of the depth-2 entry), or null above it. */
  readonly field: string | null;
  /** Identifies the container: root name or the id of the item that holds the type. */
  readonly key: string;
}

/** An item of the document (or of the update) with the place of the type that contains it. */
export interface Located {
  readonly item: Y.Item;
  readonly container: Place;
  /**
   * Its key in a map, or null in a sequence. For a new item, taken from its neighbour where the
   * encoding leaves it out (`item.parentSub` is then null whatever the key).
   */
  readonly parentSub: string | null;
}

export interface Inspection {
  /** Client ids this update writes new changes with. */
  readonly writers: ReadonlySet<number>;
  /** Why the update breaks the document's shape, or null. */
  readonly shapeProblem: string | null;
  /** Why the update deletes what neither the document nor the update holds, or null. */
  readonly missing: string | null;
  /** New items, where they go. */
  readonly added: readonly Located[];
  /** Items of the document this update deletes that were not deleted yet. */
  readonly removed: readonly Located[];
}

/** Bounds a walk up a document's types: nothing honest is this deep ([V5]). */
const MAX_WALK = 256;

const idKey = (id: Y.ID): string => `${id.client}:${id.clock}`;

const rootPlace = (root: string): Place => ({
  root,
  depth: 0,
  entity: null,
  field: null,
  key: `root:${root}`,
});

/** The place of the type held by `item`, which sits in `container` under `parentSub`. */
function inner(container: Place, item: Y.Item, parentSub: string | null): Place {
  return {
    root: container.root,
    depth: container.depth + 1,
    entity: container.depth === 0 ? item : container.entity,
    field: container.depth === 1 ? parentSub : container.field,
    key: idKey(item.id),
  };
}

/** The place of a type of the document; depth is Infinity beyond `MAX_WALK`. */
function placeOfDocType(type: Y.AbstractType<unknown>, memo: Map<unknown, Place>): Place {
  const known = memo.get(type);
  if (known) return known;
  const chain: Y.Item[] = [];
  let top: Y.AbstractType<unknown> = type;
  while (top._item !== null && chain.length <= MAX_WALK) {
    chain.push(top._item);
    top = top._item.parent as Y.AbstractType<unknown>;
  }
  let place: Place;
  if (top._item !== null) {
    place = { root: '', depth: Infinity, entity: null, field: null, key: idKey(chain[0]!.id) };
  } else {
    place = rootPlace(Y.findRootTypeKey(top));
    for (let i = chain.length - 1; i >= 0; i -= 1)
      place = inner(place, chain[i]!, chain[i]!.parentSub);
  }
  memo.set(type, place);
  return place;
}

/** Depth of a plain value (JSON object or array), iteratively, stopping past `limit`. */
export function plainDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const entry of Object.values(current)) stack.push([entry, level]);
  }
  return deepest;
}

function contentProblem(item: Y.Item, shape: DocumentShape): string | null {
  const { content } = item;
  if (content instanceof Y.ContentDoc) return 'a subdocument';
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    for (const value of content.getContent()) {
      if (plainDepth(value, shape.maxValueDepth) > shape.maxValueDepth)
        return `a value nested deeper than ${shape.maxValueDepth}`;
    }
  }
  if (
    content instanceof Y.ContentEmbed &&
    plainDepth(content.embed, shape.maxValueDepth) > shape.maxValueDepth
  )
    return `an embed nested deeper than ${shape.maxValueDepth}`;
  return null;
}

export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  shape: DocumentShape,
  options: { allowUnknownRoots: boolean },
): Inspection {
  const { structs, ds } = decodeUpdateOnce(update);
  const store = doc.store;
  const docPlaces = new Map<unknown, Place>();

  // The update's own structs per client, in clock order, for finding an item by id.
  const ownByClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of structs) {
    const list = ownByClient.get(struct.id.client);
    if (list) list.push(struct);
    else ownByClient.set(struct.id.client, [struct]);
  }
  /** How far each client reaches with the document and this update's contiguous structs. */
  const reach = new Map<number, number>();
  const writers = new Set<number>();
  const fresh: Y.Item[] = [];
  for (const [client, list] of ownByClient) {
    let known = Y.getState(store, client);
    for (const struct of list) {
      if (struct instanceof Y.Skip) continue;
      const end = struct.id.clock + struct.length;
      if (end <= known) continue;
      writers.add(client);
      if (struct.id.clock <= known) known = end;
      if (struct instanceof Y.Item) fresh.push(struct);
    }
    reach.set(client, known);
  }
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(store, client);

  /** The update's struct holding `id`, if the document does not hold it. */
  const ownStruct = (id: Y.ID): Y.Item | Y.GC | Y.Skip | null => {
    if (id.clock < Y.getState(store, id.client)) return null;
    const list = ownByClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return null;
  };
  const docItem = (id: Y.ID): Y.Item | null => {
    if (id.clock >= Y.getState(store, id.client)) return null;
    const struct = Y.getItem(store, id) as Y.Item | Y.GC;
    return struct instanceof Y.Item ? struct : null;
  };

  // Containers of new items; null where Yjs would integrate the item as garbage (its neighbour
  // or parent is gone) or where what it names is nowhere (left pending: limits.ts decides).
  const containers = new Map<Y.Item, { place: Place; parentSub: string | null } | null>();
  /** The update's item this one's container comes from, or undefined if decided directly. */
  const dependency = (item: Y.Item): Y.Item | null | undefined => {
    const parent = item.parent as Y.ID | string | null;
    if (parent instanceof Y.ID) {
      const own = ownStruct(parent);
      return own instanceof Y.Item ? own : own ? null : undefined;
    }
    if (typeof parent === 'string') return undefined;
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return null;
    const own = ownStruct(neighbour);
    return own instanceof Y.Item ? own : own ? null : undefined;
  };
  const decide = (item: Y.Item): { place: Place; parentSub: string | null } | null => {
    const parent = item.parent as Y.ID | string | null;
    if (typeof parent === 'string') return { place: rootPlace(parent), parentSub: item.parentSub };
    if (parent instanceof Y.ID) {
      const own = ownStruct(parent);
      if (own instanceof Y.Item) {
        const holder = containers.get(own);
        return holder
          ? { place: inner(holder.place, own, holder.parentSub), parentSub: item.parentSub }
          : null;
      }
      const holder = docItem(parent);
      if (!holder || !(holder.content instanceof Y.ContentType)) return null;
      return {
        place: placeOfDocType(holder.content.type as Y.AbstractType<unknown>, docPlaces),
        parentSub: item.parentSub,
      };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return null;
    const own = ownStruct(neighbour);
    if (own instanceof Y.Item) return containers.get(own) ?? null;
    const next = docItem(neighbour);
    if (!next) return null;
    return {
      place: placeOfDocType(next.parent as Y.AbstractType<unknown>, docPlaces),
      parentSub: next.parentSub,
    };
  };
  for (const start of fresh) {
    if (containers.has(start)) continue;
    // Iteratively: an update's chain of origins may be as long as the update.
    const stack: Y.Item[] = [start];
    const visiting = new Set<Y.Item>([start]);
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!;
      const before = dependency(item);
      if (before && !containers.has(before) && !visiting.has(before)) {
        visiting.add(before);
        stack.push(before);
        continue;
      }
      stack.pop();
      containers.set(
        item,
        before && visiting.has(before) && !containers.has(before) ? null : decide(item),
      );
    }
  }

  let shapeProblem: string | null = null;
  const added: Located[] = [];
  for (const item of fresh) {
    const found = containers.get(item);
    if (!found) continue;
    const { place, parentSub } = found;
    const itemDepth = place.depth + 1;
    let problem: string | null = null;
    if (itemDepth > shape.maxDepth) problem = `nests deeper than ${shape.maxDepth} levels`;
    else if (parentSub !== null && parentSub.length > shape.maxKeyLength)
      problem = `a key of ${parentSub.length} characters`;
    else if (place.depth === 0) {
      const use = shape.rootUse(place.root);
      if (use === null) {
        if (!options.allowUnknownRoots) problem = `writes to the unknown root "${place.root}"`;
      } else if ((use === 'map') !== (parentSub !== null))
        problem = `writes to the ${use} root "${place.root}" as a ${use === 'map' ? 'sequence' : 'map'}`;
    }
    problem ??= contentProblem(item, shape);
    if (problem) {
      shapeProblem = problem;
      break;
    }
    added.push({ item, container: place, parentSub });
  }

  let missing: string | null = null;
  const removed: Located[] = [];
  for (const [client, deletions] of ds.clients) {
    const known = Y.getState(store, client);
    const structsOfClient = store.clients.get(client);
    for (const { clock, len } of deletions) {
      if (clock + len > reachOf(client)) {
        missing ??= `deletes ${client}:${clock}+${len}, which the document does not have`;
        continue;
      }
      const end = Math.min(clock + len, known);
      if (clock >= end || !structsOfClient) continue;
      for (
        let index = Y.findIndexSS(structsOfClient, clock);
        index < structsOfClient.length;
        index += 1
      ) {
        const struct = structsOfClient[index]!;
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        removed.push({
          item: struct,
          container: placeOfDocType(struct.parent as Y.AbstractType<unknown>, docPlaces),
          parentSub: struct.parentSub,
        });
      }
    }
  }
  return { writers, shapeProblem, missing, added, removed };
}
