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

/**
 * Merges linked records' facts and context per child, later records winning. A child's only
 * record is taken as is (no copy), with its facts' JSON text when it carries one: most children
 * have one record per file, so their child_facts text is the record's, serialised once. The
 * records' own objects are never modified (a second record copies before merging).
 */
export function mergeLinked(records: Iterable<MergeInput>): {
  facts: Map<string, ChildFacts>;
  factsJson: Map<string, string>;
  context: Map<string, RecordContext>;
  owned: Set<ContextKey>;
} {
  const facts = new Map<string, ChildFacts>();
  const factsJson = new Map<string, string>();
  const context = new Map<string, RecordContext>();
  const copied = new Set<string>();
  const owned = new Set<ContextKey>();
  for (const r of records) {
    const id = r.childId;
    if (r.linkStatus !== 'linked' || id === null) continue;
    const f = facts.get(id);
    const c = context.get(id);
    if (f === undefined || c === undefined) {
      facts.set(id, r.facts);
      context.set(id, r.context);
      if (r.factsJson !== undefined) factsJson.set(id, r.factsJson);
    } else if (copied.has(id)) {
      Object.assign(f, r.facts);
      Object.assign(c, r.context);
    } else {
      copied.add(id);
      factsJson.delete(id);
      facts.set(id, { ...f, ...r.facts });
      context.set(id, { ...c, ...r.context });
    }
    for (const k of contextKeys) if (r.context[k] !== undefined) owned.add(k);
  }
  return { facts, factsJson, context, owned };
}

/** Writes one source's snapshot: its facts replace the previous ones, and the context it owns. */
export async function writeSourceSnapshot(
  db: Db,
  source: string,
  merged: ReturnType<typeof mergeLinked>,
): Promise<void> {
  const version = await bumpDataVersion(db);
  const rows: { childId: string; facts: ChildFacts; factsJson: string | undefined }[] = [];
  for (const [childId, facts] of merged.facts) {
    rows.push({ childId, facts, factsJson: merged.factsJson.get(childId) });
  }
  await replaceSourceFacts(db, source, rows, version);
  await setChildrenContext(
    db,
    [...merged.owned],
    [...merged.context].map(([id, c]) => ({
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
): Promise<{ children: ChildInput[]; writeFacts: () => Promise<void> }> {
  let children: ChildInput[] = [];
  if (rosterChildren) {
    const existing = await readChildProfiles(db);
    children = rosterChildren.map((c) => {
      const prev = existing.get(c.id);
      return prev ? { ...c, school: prev.school, grade: prev.grade, nursery: prev.nursery } : c;
    });
  }
  return {
    children,
    writeFacts: () => writeSourceSnapshot(db, connector.name, mergeLinked(records)),
  };
}
