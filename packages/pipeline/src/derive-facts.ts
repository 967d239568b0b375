import type { Connector } from '@mimamori/connector-kit';
import {
  bumpDataVersion,
  readAllChildFacts,
  upsertChildFacts,
  type ChildFacts,
  type ChildInput,
  type ChildWithFacts,
  type Db,
  type RecordInput,
} from '@mimamori/db';
import type { RecordContext } from '@mimamori/records';

const contextKeys = ['school', 'grade', 'nursery'] as const;

/** Loads every child with its facts into a map (the scoring side's view: no personal data). */
export async function loadChildren(db: Db): Promise<Map<string, ChildWithFacts>> {
  const children = new Map<string, ChildWithFacts>();
  for await (const page of readAllChildFacts(db, { pageSize: 20_000 })) {
    for (const child of page) children.set(child.id, child);
  }
  return children;
}

function sameFacts(a: ChildFacts, b: ChildFacts): boolean {
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.is(a[k], b[k]));
}

/**
 * Computes what a batch changes on the scoring side. Every source sends full snapshots, so a
 * connector's latest batch replaces all of that connector's facts (and the context keys it
 * carries: school and grade, or nursery) for every child; children it no longer lists lose them.
 * Returns the children to upsert and a `writeFacts` to call once the batch rows exist.
 */
export async function applyBatchToChildren(
  db: Db,
  connector: Connector,
  records: readonly RecordInput[],
  rosterChildren: readonly ChildInput[] | null,
): Promise<{ children: ChildInput[]; writeFacts: () => Promise<void> }> {
  const existing = await loadChildren(db);
  const factIds = new Set(connector.facts.map((f) => f.id));
  const owned = new Set<(typeof contextKeys)[number]>();
  const newFacts = new Map<string, ChildFacts>();
  const newContext = new Map<string, RecordContext>();
  for (const r of records) {
    if (r.linkStatus !== 'linked' || r.childId === null) continue;
    newFacts.set(r.childId, { ...newFacts.get(r.childId), ...r.facts });
    newContext.set(r.childId, { ...newContext.get(r.childId), ...r.context });
    for (const k of contextKeys) if (r.context[k] !== undefined) owned.add(k);
  }

  const base = new Map<string, ChildInput>();
  for (const c of existing.values()) {
    base.set(c.id, { id: c.id, sex: c.sex, age: c.age, school: c.school, grade: c.grade, nursery: c.nursery });
  }
  const upserts: ChildInput[] = [];
  for (const c of rosterChildren ?? []) {
    const prev = base.get(c.id);
    const next = prev ? { ...prev, sex: c.sex, age: c.age } : c;
    base.set(c.id, next);
    upserts.push(next);
  }
  const upserted = new Set(upserts.map((c) => c.id));
  if (owned.size > 0) {
    for (const child of base.values()) {
      const ctx = newContext.get(child.id) ?? {};
      const next = { ...child };
      if (owned.has('school')) next.school = ctx.school ?? null;
      if (owned.has('grade')) next.grade = ctx.grade ?? null;
      if (owned.has('nursery')) next.nursery = ctx.nursery ?? null;
      if (next.school !== child.school || next.grade !== child.grade || next.nursery !== child.nursery) {
        if (upserted.has(child.id)) upserts[upserts.findIndex((u) => u.id === child.id)] = next;
        else upserts.push(next);
      }
    }
  }

  const factRows: { childId: string; facts: ChildFacts }[] = [];
  for (const id of base.keys()) {
    const before = existing.get(id)?.facts ?? {};
    const next: ChildFacts = {};
    for (const [k, v] of Object.entries(before)) if (!factIds.has(k)) next[k] = v;
    Object.assign(next, newFacts.get(id));
    if (!existing.has(id) || !sameFacts(before, next)) factRows.push({ childId: id, facts: next });
  }
  return {
    children: upserts,
    writeFacts: async function writeFacts() {
      const version = await bumpDataVersion(db);
      if (factRows.length > 0) await upsertChildFacts(db, factRows, version);
    },
  };
}
