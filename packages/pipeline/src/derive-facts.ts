import type { Connector } from '@mimamori/connector-kit';
import {
  bumpDataVersion,
  readAllChildFacts,
  readChildProfiles,
  replaceSourceFacts,
  setChildrenContext,
  type ChildFacts,
  type ChildInput,
  type ChildWithFacts,
  type Db,
  type RecordInput,
} from '@mimamori/db';
import type { RecordContext } from '@mimamori/records';

/** Context keys a source may own (a school export owns school and grade). */
export const contextKeys = ['school', 'grade', 'nursery'] as const;
type ContextKey = (typeof contextKeys)[number];

/** Loads every child with its facts into a map (the scoring side's view: no personal data). */
export async function loadChildren(db: Db): Promise<Map<string, ChildWithFacts>> {
  const children = new Map<string, ChildWithFacts>();
  for await (const page of readAllChildFacts(db, { pageSize: 20_000 })) {
    for (const child of page) children.set(child.id, child);
  }
  return children;
}

type MergeInput = Pick<RecordInput, 'linkStatus' | 'childId' | 'facts' | 'factsJson' | 'context'>;

/** One child's merged facts and context from one source's batch. */
export interface MergedChild {
  id: string;
  facts: ChildFacts;
  /** `facts` as JSON text, when the child had a single record that carried it. */
  factsJson: string | undefined;
  context: RecordContext;
}

/**
 * A child's entry from its first record. The facts are read from the record only when asked for:
 * a record that carries its facts' text may parse them lazily (the prepare thread's), and a child
 * with one record is stored from that text.
 */
function onlyRecord(id: string, r: MergeInput): MergedChild {
  let merged: ChildFacts | undefined;
  return {
    id,
    get facts(): ChildFacts {
      return merged ?? r.facts;
    },
    set facts(value: ChildFacts) {
      merged = value;
    },
    factsJson: r.factsJson,
    context: r.context,
  };
}

/** True when the linked records' child ids never decrease (the import pipeline's order). */
function groupedByChild(records: readonly MergeInput[]): boolean {
  let previous = '';
  for (const r of records) {
    const id = r.childId;
    if (r.linkStatus !== 'linked' || id === null) continue;
    if (id < previous) return false;
    previous = id;
  }
  return true;
}

/**
 * Merges linked records' facts and context per child, later records winning. A child's only
 * record is taken as is (no copy), with its facts' JSON text when it carries one: most children
 * have one record per file, so their child_facts text is the record's, serialised once. The
 * records' own objects are never modified (a second record copies before merging). Records in
 * child order (as imports store them) merge in one pass without a lookup per record.
 */
export function mergeLinked(input: Iterable<MergeInput>): {
  children: MergedChild[];
  owned: Set<ContextKey>;
} {
  const records = Array.isArray(input) ? (input as readonly MergeInput[]) : [...input];
  const children: MergedChild[] = [];
  const byId = groupedByChild(records) ? null : new Map<string, MergedChild>();
  const copied = new Set<MergedChild>();
  const owned = new Set<ContextKey>();
  let last: MergedChild | undefined;
  for (const r of records) {
    const id = r.childId;
    if (r.linkStatus !== 'linked' || id === null) continue;
    const found = last !== undefined && last.id === id ? last : byId?.get(id);
    if (found === undefined) {
      last = onlyRecord(id, r);
      children.push(last);
      byId?.set(id, last);
    } else if (copied.has(found)) {
      Object.assign(found.facts, r.facts);
      Object.assign(found.context, r.context);
    } else {
      copied.add(found);
      found.factsJson = undefined;
      found.facts = { ...found.facts, ...r.facts };
      found.context = { ...found.context, ...r.context };
    }
    if (owned.size < contextKeys.length) {
      for (const k of contextKeys) if (r.context[k] !== undefined) owned.add(k);
    }
  }
  return { children, owned };
}

/** Writes one source's snapshot: its facts replace the previous ones, and the context it owns. */
export async function writeSourceSnapshot(
  db: Db,
  source: string,
  merged: ReturnType<typeof mergeLinked>,
  dataVersion?: number,
  copyFrom?: { first: number; last: number },
): Promise<void> {
  const version = dataVersion ?? (await bumpDataVersion(db));
  await replaceSourceFacts(
    db,
    source,
    // Facts read only where there is no text to store (a getter: see onlyRecord).
    merged.children.map((c) => ({
      childId: c.id,
      get facts(): ChildFacts {
        return c.facts;
      },
      factsJson: c.factsJson,
    })),
    version,
    copyFrom,
  );
  if (merged.owned.size === 0) return;
  await setChildrenContext(
    db,
    [...merged.owned],
    merged.children.map(({ id, context: c }) => ({
      id,
      school: c.school ?? null,
      grade: c.grade ?? null,
      nursery: c.nursery ?? null,
    })),
  );
}

/**
 * Prepares what a batch changes on the scoring side. Every source sends full snapshots, so a
 * connector's latest batch replaces all of that connector's facts (and the context keys it
 * carries) for every child. Roster children keep the context other sources gave them.
 * Returns the children to upsert with the batch and a `writeFacts` to call once they exist.
 */
export async function applyBatchToChildren(
  db: Db,
  connector: Connector,
  records: readonly RecordInput[],
  rosterChildren: readonly ChildInput[] | null,
): Promise<{
  children: ChildInput[];
  /** `recordIds`: where the batch's records were stored (their facts are copied from there). */
  writeFacts: (recordIds?: { first: number; last: number }) => Promise<void>;
}> {
  let children: ChildInput[] = [];
  if (rosterChildren) {
    const existing = await readChildProfiles(db);
    children = rosterChildren.map((c) => {
      const prev = existing.get(c.id);
      return prev ? { ...c, school: prev.school, grade: prev.grade, nursery: prev.nursery } : c;
    });
  }
  // Bumped now, before the batch's writes: nothing then waits for them to finish (writeBehind).
  const version = await bumpDataVersion(db);
  return {
    children,
    writeFacts: (recordIds) =>
      writeSourceSnapshot(db, connector.name, mergeLinked(records), version, recordIds),
  };
}
