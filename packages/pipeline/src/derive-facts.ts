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
import { contextKeys, mergeLinked, type MergedChild } from './merge-linked';

export { contextKeys, mergeLinked, type MergedChild };

/** Loads every child with its facts into a map (the scoring side's view: no personal data). */
export async function loadChildren(db: Db): Promise<Map<string, ChildWithFacts>> {
  const children = new Map<string, ChildWithFacts>();
  for await (const page of readAllChildFacts(db, { pageSize: 20_000 })) {
    for (const child of page) children.set(child.id, child);
  }
  return children;
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
  // Children whose facts are copied from the stored records need no row here (most, in imports).
  const rows: {
    childId: string;
    facts: ChildFacts;
    factsJson: string | undefined;
    copied: false;
  }[] = [];
  for (const c of merged.children) {
    if (copyFrom !== undefined && (c.copied ?? c.factsJson !== undefined)) continue;
    // Facts read only where there is no text to store (a getter: see mergeLinked).
    rows.push({
      childId: c.id,
      get facts(): ChildFacts {
        return c.facts;
      },
      factsJson: c.factsJson,
      copied: false,
    });
  }
  await replaceSourceFacts(db, source, rows, version, copyFrom);
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
  /** The records already merged per child (by the thread that linked them). */
  merged?: ReturnType<typeof mergeLinked>,
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
      writeSourceSnapshot(db, connector.name, merged ?? mergeLinked(records), version, recordIds),
  };
}
