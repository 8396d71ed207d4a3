import type { PersonId } from '../ids.js';
import type { ChildLink } from '../model/genogram/childLink.js';
import type { Person } from '../model/genogram/person.js';
import { compareStrings } from './geometry.js';
import type { LayoutGraph, Source } from './layoutGraph.js';
import { LINK_KIND_PRIORITY, compareUnions } from './layoutGraph.js';

/**
 * Rows and the left-to-right order within them: generations ([L2]), partner order ([L3]), birth
 * order ([L4]), which link a child hangs from ([L5]) and people without family links ([L14]).
 * Positions along the row are layoutPlace.ts's job.
 */

/** People joined by unions, directly or through a chain of partners: they share a row ([L2]). */
export interface Cluster {
  index: number;
  /** Left to right as drawn. */
  members: PersonId[];
  /** The arrangement before any orientation by parents' side ([L3]). */
  arranged: PersonId[];
  row: number;
  /** No unions and no child links either way: placed by [L14], not by the family structure. */
  lone: boolean;
}

export interface Structure {
  clusters: Cluster[];
  clusterOf: Map<PersonId, Cluster>;
  /** Left-to-right person order in each row, top row first. */
  rows: PersonId[][];
  rowOf: Map<PersonId, number>;
  /** The source each child is drawn under ([L5]); children without one are roots. */
  primary: Map<PersonId, Source>;
  /** The link that puts the child there; the child's other links are drawn as routed lines. */
  primaryLink: Map<PersonId, ChildLink>;
  /** Sources whose parents are in the cluster, by cluster index. */
  sourcesOf: Source[][];
}

/** Rounds of barycentre reordering; each round sweeps down then up. */
const ORDER_ROUNDS = 3;
/** How far a lone person's birth year (or age) may be from a row's median to join that row. */
const LONE_ROW_TOLERANCE_YEARS = 15;

// ---------------------------------------------------------------------------------------------

function findClusters(graph: LayoutGraph): {
  clusters: Cluster[];
  clusterOf: Map<PersonId, Cluster>;
} {
  const parent = new Map<PersonId, PersonId>();
  const find = (p: PersonId): PersonId => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let walk = p;
    while (walk !== root) {
      const next = parent.get(walk)!;
      parent.set(walk, root);
      walk = next;
    }
    return root;
  };
  for (const p of graph.people) parent.set(p.id, p.id);
  for (const union of graph.unions) {
    const a = find(union.partnerA);
    const b = find(union.partnerB);
    if (a !== b) parent.set(b, a);
  }
  const byRoot = new Map<PersonId, PersonId[]>();
  for (const p of graph.people) {
    const root = find(p.id);
    const list = byRoot.get(root) ?? [];
    list.push(p.id);
    byRoot.set(root, list);
  }
  const clusters: Cluster[] = [];
  const clusterOf = new Map<PersonId, Cluster>();
  // People come in id order, so clusters are numbered by their smallest member id and list
  // their members in id order, however the unions were ordered.
  for (const p of graph.people) {
    if (clusterOf.has(p.id)) continue;
    const members = byRoot.get(find(p.id))!;
    const arranged = arrangeCluster(members, graph);
    const cluster: Cluster = {
      index: clusters.length,
      members: arranged,
      arranged,
      row: 0,
      lone: false,
    };
    clusters.push(cluster);
    for (const m of members) clusterOf.set(m, cluster);
  }
  return { clusters, clusterOf };
}

/**
 * [L3] A couple: the man on the left and the woman on the right, otherwise partner A on the left.
 * Several partners: the person with the most partners in the middle, earlier unions further
 * left and later ones further right; a partner's own other partners continue outwards.
 */
function arrangeCluster(members: PersonId[], graph: LayoutGraph): PersonId[] {
  if (members.length === 1) return members;
  const partnerLists = new Map<PersonId, PersonId[]>();
  for (const p of members) {
    const ordered: PersonId[] = [];
    for (const union of [...(graph.unionsOf.get(p) ?? [])].sort(compareUnions)) {
      const other = union.partnerA === p ? union.partnerB : union.partnerA;
      if (!ordered.includes(other)) ordered.push(other);
    }
    partnerLists.set(p, ordered);
  }
  const partnersOf = (p: PersonId): PersonId[] => partnerLists.get(p) ?? [];
  if (members.length === 2) {
    const [a, b] = [...members].sort(compareStrings) as [PersonId, PersonId];
    const genderA = graph.person.get(a)!.gender;
    const genderB = graph.person.get(b)!.gender;
    if (genderA === 'male' && genderB !== 'male') return [a, b];
    if (genderB === 'male' && genderA !== 'male') return [b, a];
    const first = [...(graph.unionsOf.get(a) ?? [])].sort(compareUnions)[0]!;
    return first.partnerA === a ? [a, b] : [b, a];
  }
  // The person with most partners; between two with as many, the one with more children (a man
  // with children by two partners, rather than his ex-wife who has since married).
  const childCount = (p: PersonId) =>
    (graph.unionsOf.get(p) ?? []).reduce(
      (sum, u) => sum + (graph.sources.get(`union:${u.id}`)?.links.length ?? 0),
      0,
    );
  const hub = [...members].sort(
    (a, b) =>
      partnersOf(b).length - partnersOf(a).length ||
      childCount(b) - childCount(a) ||
      compareStrings(a, b),
  )[0]!;
  const placed = new Set<PersonId>([hub]);
  const take = (p: PersonId): PersonId[] => {
    const fresh = partnersOf(p).filter((q) => !placed.has(q));
    for (const q of fresh) placed.add(q);
    return fresh;
  };
  const expand = (p: PersonId, side: 'left' | 'right'): PersonId[] => {
    const fresh = take(p);
    const outward = fresh.flatMap((q) => expand(q, side));
    return side === 'left' ? [...outward, p] : [p, ...outward];
  };
  const partners = take(hub);
  const leftCount = Math.floor(partners.length / 2);
  return [
    ...partners.slice(0, leftCount).flatMap((q) => expand(q, 'left')),
    hub,
    ...partners.slice(leftCount).flatMap((q) => expand(q, 'right')),
  ];
}

// ---------------------------------------------------------------------------------------------

interface ClusterGraph {
  parentsOf: number[][];
  childrenOf: number[][];
  topo: number[];
  topoIndex: Int32Array;
}

function clusterGraph(graph: LayoutGraph, clusters: Cluster[], clusterOf: Map<PersonId, Cluster>) {
  const count = clusters.length;
  const childSets = Array.from({ length: count }, () => new Set<number>());
  const parentSets = Array.from({ length: count }, () => new Set<number>());
  for (const link of graph.links) {
    const source = graph.linkSource.get(link.id)!;
    const from = clusterOf.get(source.parents[0]!)!.index;
    const to = clusterOf.get(link.child)!.index;
    if (from === to) continue;
    childSets[from]!.add(to);
    parentSets[to]!.add(from);
  }
  const byNumber = (a: number, b: number) => a - b;
  const childrenOf = childSets.map((set) => [...set].sort(byNumber));
  const parentsOf = parentSets.map((set) => [...set].sort(byNumber));

  // Kahn's algorithm; a cycle (possible across partner clusters even when the reader has removed
  // every parent-child cycle) is broken at its lowest-numbered cluster, whose remaining incoming
  // edges then point backwards in the order and are ignored from here on.
  const indegree = parentsOf.map((list) => list.length);
  const done = new Uint8Array(count);
  const topo: number[] = [];
  const queue: number[] = [];
  for (let c = 0; c < count; c++) if (indegree[c] === 0) queue.push(c);
  let head = 0;
  let scan = 0;
  while (topo.length < count) {
    if (head === queue.length) {
      while (done[scan]) scan++;
      queue.push(scan);
      indegree[scan] = 0;
    }
    const c = queue[head++]!;
    if (done[c]) continue;
    done[c] = 1;
    topo.push(c);
    for (const child of childrenOf[c]!) {
      if (done[child]) continue;
      indegree[child]! -= 1;
      if (indegree[child] === 0) queue.push(child);
    }
  }
  const topoIndex = new Int32Array(count);
  topo.forEach((c, i) => (topoIndex[c] = i));
  const forward = (from: number, to: number) => topoIndex[from]! < topoIndex[to]!;
  return {
    parentsOf: parentsOf.map((list, c) => list.filter((p) => forward(p, c))),
    childrenOf: childrenOf.map((list, c) => list.filter((ch) => forward(c, ch))),
    topo,
    topoIndex,
  } satisfies ClusterGraph;
}

/**
 * [L2] Longest path from the top; then people with no parents on the genogram are pulled down to
 * sit just above their nearest child that is held in place by something else (another parent,
 * or descendants who are), so a partner's parents do not float at the top of a deeper family;
 * then everyone else sits one row below their deepest parent.
 */
function assignGenerations(clusters: Cluster[], cg: ClusterGraph): void {
  const gen = new Int32Array(clusters.length);
  for (const c of cg.topo) {
    let g = 0;
    for (const p of cg.parentsOf[c]!) g = Math.max(g, gen[p]! + 1);
    gen[c] = g;
  }
  // A pendant subtree hangs from one parent cluster only; it follows that parent and so must not
  // hold it up (a grandmother's childless children would otherwise pin her to the top row).
  const pendant = new Uint8Array(clusters.length);
  for (let i = cg.topo.length - 1; i >= 0; i--) {
    const c = cg.topo[i]!;
    pendant[c] =
      cg.parentsOf[c]!.length <= 1 && cg.childrenOf[c]!.every((ch) => pendant[ch]) ? 1 : 0;
  }
  for (let i = cg.topo.length - 1; i >= 0; i--) {
    const c = cg.topo[i]!;
    let g = Infinity;
    for (const ch of cg.childrenOf[c]!) if (!pendant[ch]) g = Math.min(g, gen[ch]! - 1);
    if (g !== Infinity) gen[c] = g;
  }
  for (const c of cg.topo) {
    if (cg.parentsOf[c]!.length === 0) continue;
    let g = 0;
    for (const p of cg.parentsOf[c]!) g = Math.max(g, gen[p]! + 1);
    gen[c] = g;
  }
  let min = Infinity;
  for (const cluster of clusters) if (!cluster.lone) min = Math.min(min, gen[cluster.index]!);
  for (const cluster of clusters) cluster.row = cluster.lone ? 0 : gen[cluster.index]! - min;
}

/** [L5] Birth first, then adoption, kinship, fostering, step; a union before a lone parent. */
function choosePrimaries(
  graph: LayoutGraph,
  clusterOf: Map<PersonId, Cluster>,
  cg: ClusterGraph,
): { primary: Map<PersonId, Source>; primaryLink: Map<PersonId, ChildLink> } {
  const primary = new Map<PersonId, Source>();
  const primaryLink = new Map<PersonId, ChildLink>();
  for (const [child, links] of graph.linksOfChild) {
    const childCluster = clusterOf.get(child)!.index;
    const candidates = links
      .map((link) => ({ link, source: graph.linkSource.get(link.id)! }))
      .filter(({ source }) => {
        const from = clusterOf.get(source.parents[0]!)!.index;
        return from !== childCluster && cg.topoIndex[from]! < cg.topoIndex[childCluster]!;
      })
      .sort(
        (x, y) =>
          LINK_KIND_PRIORITY[x.link.kind] - LINK_KIND_PRIORITY[y.link.kind] ||
          (x.source.union === null ? 1 : 0) - (y.source.union === null ? 1 : 0) ||
          compareStrings(x.link.id, y.link.id),
      );
    const chosen = candidates[0];
    if (chosen) {
      primary.set(child, chosen.source);
      primaryLink.set(child, chosen.link);
    }
  }
  for (const source of graph.sources.values()) {
    const children = [...new Set(source.links.map((link) => link.child))]
      .filter((child) => primary.get(child) === source)
      .sort((a, b) => graph.rank.get(a)! - graph.rank.get(b)!);
    // [L4] Twins stand together, where the elder of them would stand.
    const twinOf = new Map<PersonId, string>();
    for (const child of children) {
      const group = primaryLink.get(child)!.twinGroup;
      if (group !== null) twinOf.set(child, group);
    }
    const emitted = new Set<string>();
    const ordered: PersonId[] = [];
    for (const child of children) {
      const group = twinOf.get(child);
      if (group === undefined) {
        ordered.push(child);
      } else if (!emitted.has(group)) {
        emitted.add(group);
        for (const twin of children) if (twinOf.get(twin) === group) ordered.push(twin);
      }
    }
    source.children = ordered;
  }
  return { primary, primaryLink };
}

// ---------------------------------------------------------------------------------------------

/** A first order: depth first from the top of each family, partners' families straight after. */
function initialOrder(
  clusters: Cluster[],
  clusterOf: Map<PersonId, Cluster>,
  cg: ClusterGraph,
  sourcesOf: Source[][],
  graph: LayoutGraph,
): Cluster[][] {
  const count = clusters.length;
  // Components, so one family is finished before the next starts.
  const component = new Int32Array(count).map((_, i) => i);
  const find = (c: number): number => {
    while (component[c] !== c) c = component[c] = component[component[c]!]!;
    return c;
  };
  for (let c = 0; c < count; c++) {
    for (const ch of cg.childrenOf[c]!) {
      const a = find(c);
      const b = find(ch);
      if (a !== b) component[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const componentSize = new Map<number, number>();
  for (const cluster of clusters) {
    const root = find(cluster.index);
    componentSize.set(root, (componentSize.get(root) ?? 0) + cluster.members.length);
  }
  // How much family hangs below each cluster (shared descendants counted twice; only a ranking).
  const reach = new Float64Array(count);
  for (let i = cg.topo.length - 1; i >= 0; i--) {
    const c = cg.topo[i]!;
    let sum = clusters[c]!.members.length;
    for (const ch of cg.childrenOf[c]!) sum += reach[ch]!;
    reach[c] = sum;
  }
  const roots = clusters
    .filter((cl) => !cl.lone && cg.parentsOf[cl.index]!.length === 0)
    .sort((a, b) => {
      const ra = find(a.index);
      const rb = find(b.index);
      return (
        componentSize.get(rb)! - componentSize.get(ra)! ||
        ra - rb ||
        a.row - b.row ||
        reach[b.index]! - reach[a.index]! ||
        a.index - b.index
      );
    });

  const rows: Cluster[][] = [];
  const visited = new Uint8Array(count);
  const queued = new Uint8Array(count);
  const deferred: number[] = [];
  const visit = (c: number): void => {
    if (visited[c]) return;
    visited[c] = 1;
    const cluster = clusters[c]!;
    (rows[cluster.row] ??= []).push(cluster);
    for (const member of cluster.members) {
      for (const link of graph.linksOfChild.get(member) ?? []) {
        const from = clusterOf.get(graph.linkSource.get(link.id)!.parents[0]!)!.index;
        if (!visited[from] && !queued[from]) {
          queued[from] = 1;
          deferred.push(from);
        }
      }
    }
    for (const source of sourcesOf[c]!) {
      for (const child of source.children) visit(clusterOf.get(child)!.index);
    }
  };
  let head = 0;
  const drain = () => {
    while (head < deferred.length) visit(deferred[head++]!);
  };
  for (const root of roots) {
    visit(root.index);
    drain();
  }
  for (const cluster of clusters) {
    if (!cluster.lone) visit(cluster.index);
    drain();
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return rows;
}

/** Sources hanging from a cluster, left to right by where they leave it. */
function orderSources(cluster: Cluster, sources: Source[]): Source[] {
  const at = new Map(cluster.members.map((m, i) => [m, i]));
  const place = (s: Source) => {
    const idx = s.parents.map((p) => at.get(p) ?? 0);
    return {
      mid: (Math.min(...idx) + Math.max(...idx)) / 2,
      span: Math.max(...idx) - Math.min(...idx),
    };
  };
  return [...sources].sort((a, b) => {
    const pa = place(a);
    const pb = place(b);
    return pa.mid - pb.mid || pa.span - pb.span || compareStrings(a.key, b.key);
  });
}

/** A small binary heap; the comparator breaks every tie, so the order is fully determined. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.less(items[i]!, items[up]!)) break;
      [items[i], items[up]] = [items[up]!, items[i]!];
      i = up;
    }
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.less(items[l]!, items[best]!)) best = l;
        if (r < items.length && this.less(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

/**
 * Barycentre reordering (Sugiyama) under birth-order constraints: each row is re-sorted by where
 * its clusters' parents (sweeping down) or children (sweeping up) stand, but a sibling never
 * passes an elder sibling ([L4]), so the sort is a topological sort picking the lowest barycentre
 * first. Two sisters married to two brothers can make the constraints cyclic; the lowest
 * barycentre is then taken regardless.
 */
function reorder(
  rows: Cluster[][],
  clusterOf: Map<PersonId, Cluster>,
  primary: Map<PersonId, Source>,
  sourcesOf: Source[][],
): void {
  const siblingIndex = new Map<PersonId, number>();
  for (const list of sourcesOf) {
    for (const source of list) source.children.forEach((child, i) => siblingIndex.set(child, i));
  }
  const slot = new Map<PersonId, number>();
  const renumber = (row: Cluster[]) => {
    let i = 0;
    for (const cluster of row) for (const m of cluster.members) slot.set(m, i++);
  };
  rows.forEach(renumber);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const sourceSlot = (s: Source) => mean(s.parents.map((p) => slot.get(p)!));

  const sweepRow = (r: number, direction: 'down' | 'up') => {
    const row = rows[r]!;
    if (row.length === 0) return;
    const bary = new Map<Cluster, number>();
    row.forEach((cluster, i) => {
      const here = cluster.members.map((m) => slot.get(m)!);
      let values: number[] = [];
      if (direction === 'down') {
        // [L3] A couple who both have parents on the genogram face their own parents.
        if (cluster.members.length === 2) {
          const [a, b] = cluster.arranged as [PersonId, PersonId];
          const sa = primary.get(a);
          const sb = primary.get(b);
          cluster.members = sa && sb && sourceSlot(sa) > sourceSlot(sb) ? [b, a] : cluster.arranged;
        }
        for (const m of cluster.members) {
          const source = primary.get(m);
          if (source && clusterOf.get(source.parents[0]!)!.row !== r)
            values.push(sourceSlot(source));
        }
      } else {
        for (const source of sourcesOf[cluster.index]!) {
          for (const child of source.children) {
            if (clusterOf.get(child)!.row !== r) values.push(slot.get(child)!);
          }
        }
      }
      if (values.length === 0) values = here;
      bary.set(cluster, mean(values) + i * 1e-9);
    });

    // Elder sibling before younger: an edge between the clusters they belong to.
    const successors = new Map<Cluster, Cluster[]>();
    const indegree = new Map<Cluster, number>(row.map((c) => [c, 0]));
    for (const cluster of row) {
      for (const m of cluster.members) {
        const source = primary.get(m);
        if (!source) continue;
        const siblings = source.children;
        for (let j = siblingIndex.get(m)! + 1; j < siblings.length; j++) {
          const next = clusterOf.get(siblings[j]!)!;
          if (next.row !== r) continue;
          if (next !== cluster) {
            const list = successors.get(cluster) ?? [];
            list.push(next);
            successors.set(cluster, list);
            indegree.set(next, indegree.get(next)! + 1);
          }
          break;
        }
      }
    }
    const less = (a: Cluster, b: Cluster) => bary.get(a)! < bary.get(b)!;
    const heap = new Heap<Cluster>(less);
    for (const cluster of row) if (indegree.get(cluster) === 0) heap.push(cluster);
    const byBary = [...row].sort((a, b) => bary.get(a)! - bary.get(b)!);
    const emitted = new Set<Cluster>();
    const result: Cluster[] = [];
    let scan = 0;
    while (result.length < row.length) {
      let next = heap.pop();
      if (next === undefined) {
        while (emitted.has(byBary[scan]!)) scan++;
        next = byBary[scan]!;
      }
      if (emitted.has(next)) continue;
      emitted.add(next);
      result.push(next);
      for (const succ of successors.get(next) ?? []) {
        const left = indegree.get(succ)! - 1;
        indegree.set(succ, left);
        if (left === 0 && !emitted.has(succ)) heap.push(succ);
      }
    }
    rows[r] = result;
    renumber(result);
  };

  for (let round = 0; round < ORDER_ROUNDS; round++) {
    for (let r = 1; r < rows.length; r++) sweepRow(r, 'down');
    for (let r = rows.length - 2; r >= 0; r--) sweepRow(r, 'up');
  }
  for (let r = 1; r < rows.length; r++) sweepRow(r, 'down');
}

// ---------------------------------------------------------------------------------------------

const birthYear = (p: Person) => (p.birthDate === null ? null : Number(p.birthDate.slice(0, 4)));

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * [L14] Someone with no family links yet stands beside the first person (by id) they have a
 * relationship or a household with; otherwise in the row whose median birth year (or age) is
 * nearest theirs; otherwise an unborn pregnancy at the bottom and anyone else at the top, at the
 * right-hand end.
 */
function placeLonePeople(
  lone: Cluster[],
  rows: Cluster[][],
  clusterOf: Map<PersonId, Cluster>,
  graph: LayoutGraph,
  genogram: {
    relationships: { a: PersonId; b: PersonId }[];
    households: { members: PersonId[] }[];
  },
): void {
  if (lone.length === 0) return;
  const loneSet = new Set(lone);
  const anchors = new Map<PersonId, PersonId>();
  const offer = (p: PersonId, other: PersonId) => {
    const pc = clusterOf.get(p);
    const oc = clusterOf.get(other);
    if (!pc || !oc || !loneSet.has(pc) || loneSet.has(oc)) return;
    const current = anchors.get(p);
    if (current === undefined || compareStrings(other, current) < 0) anchors.set(p, other);
  };
  for (const rel of genogram.relationships) {
    offer(rel.a, rel.b);
    offer(rel.b, rel.a);
  }
  for (const household of genogram.households) {
    for (const p of household.members) for (const q of household.members) if (p !== q) offer(p, q);
  }

  const rowYears = rows.map((row) =>
    median(
      row.flatMap((c) =>
        c.members.map((m) => birthYear(graph.person.get(m)!)).filter((y) => y !== null),
      ),
    ),
  );
  const rowAges = rows.map((row) =>
    median(
      row.flatMap((c) => c.members.map((m) => graph.person.get(m)!.age).filter((a) => a !== null)),
    ),
  );
  // Within half a generation of the row's median, or it is not evidence for that row.
  const nearestRow = (value: number, medians: (number | null)[]): number | null => {
    let best: number | null = null;
    medians.forEach((m, r) => {
      if (m === null || Math.abs(m - value) > LONE_ROW_TOLERANCE_YEARS) return;
      if (best === null || Math.abs(m - value) < Math.abs(medians[best]! - value)) best = r;
    });
    return best;
  };

  const after = new Map<Cluster, Cluster[]>();
  const atEnd = new Map<number, Cluster[]>();
  const sorted = [...lone].sort(
    (a, b) => graph.rank.get(a.members[0]!)! - graph.rank.get(b.members[0]!)!,
  );
  for (const cluster of sorted) {
    const p = graph.person.get(cluster.members[0]!)!;
    const anchor = anchors.get(p.id);
    if (anchor !== undefined) {
      const anchorCluster = clusterOf.get(anchor)!;
      cluster.row = anchorCluster.row;
      const list = after.get(anchorCluster) ?? [];
      list.push(cluster);
      after.set(anchorCluster, list);
      continue;
    }
    const year = birthYear(p);
    let row = year === null ? null : nearestRow(year, rowYears);
    if (row === null && p.age !== null) row = nearestRow(p.age, rowAges);
    if (row === null) row = p.pregnancy !== null ? Math.max(0, rows.length - 1) : 0;
    cluster.row = row;
    const list = atEnd.get(row) ?? [];
    list.push(cluster);
    atEnd.set(row, list);
  }
  for (let r = 0; r < Math.max(rows.length, 1); r++) {
    const row = rows[r] ?? [];
    const result: Cluster[] = [];
    for (const cluster of row) {
      result.push(cluster);
      result.push(...(after.get(cluster) ?? []));
    }
    result.push(...(atEnd.get(r) ?? []));
    rows[r] = result;
  }
}

// ---------------------------------------------------------------------------------------------

export function buildStructure(
  graph: LayoutGraph,
  genogram: {
    relationships: { a: PersonId; b: PersonId }[];
    households: { members: PersonId[] }[];
  },
): Structure {
  const { clusters, clusterOf } = findClusters(graph);
  const linked = new Set<PersonId>();
  for (const link of graph.links) {
    linked.add(link.child);
    for (const p of graph.linkSource.get(link.id)!.parents) linked.add(p);
  }
  for (const cluster of clusters) {
    cluster.lone = cluster.members.length === 1 && !linked.has(cluster.members[0]!);
  }
  const cg = clusterGraph(graph, clusters, clusterOf);
  assignGenerations(clusters, cg);
  const { primary, primaryLink } = choosePrimaries(graph, clusterOf, cg);

  const sourcesOf: Source[][] = clusters.map(() => []);
  for (const source of graph.sources.values()) {
    sourcesOf[clusterOf.get(source.parents[0]!)!.index]!.push(source);
  }
  clusters.forEach((cluster, c) => (sourcesOf[c] = orderSources(cluster, sourcesOf[c]!)));

  const rows = initialOrder(clusters, clusterOf, cg, sourcesOf, graph);
  reorder(rows, clusterOf, primary, sourcesOf);
  clusters.forEach((cluster, c) => (sourcesOf[c] = orderSources(cluster, sourcesOf[c]!)));
  placeLonePeople(
    clusters.filter((c) => c.lone),
    rows,
    clusterOf,
    graph,
    genogram,
  );

  const personRows = rows.map((row) => row.flatMap((cluster) => cluster.members));
  const rowOf = new Map<PersonId, number>();
  personRows.forEach((row, r) => row.forEach((p) => rowOf.set(p, r)));
  return { clusters, clusterOf, rows: personRows, rowOf, primary, primaryLink, sourcesOf };
}
