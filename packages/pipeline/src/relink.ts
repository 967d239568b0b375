import {
  appendAudit,
  bumpDataVersion,
  listBatches,
  readRecordsWithIdentity,
  updateRecordLinks,
  upsertChildFacts,
  upsertChildren,
  type ChildFacts,
  type Db,
  type RecordLinkUpdate,
} from '@mimamori/db';
import type { RecordContext } from '@mimamori/records';
import type { PipelineContext } from './context';
import { loadChildren } from './derive-facts';
import { emptyReport, loadLinker, toRecordInput, type LinkageReport } from './link-records';

/**
 * Re-derives every child's facts and context from the latest batch of each connector
 * (every source sends full snapshots). Used after re-linking and review decisions.
 */
export async function deriveAllChildFacts(db: Db): Promise<number> {
  const batches = await listBatches(db, { limit: 100_000 });
  const latest = new Map<string, string>();
  for (const b of batches) {
    const prev = latest.get(b.connector);
    if (prev === undefined || b.id > prev) latest.set(b.connector, b.id);
  }
  const keep = new Set(latest.values());
  const facts = new Map<string, ChildFacts>();
  const context = new Map<string, RecordContext>();
  for await (const page of readRecordsWithIdentity(db, { linkedOnly: true })) {
    for (const r of page) {
      if (!keep.has(r.batchId) || r.childId === null) continue;
      facts.set(r.childId, { ...facts.get(r.childId), ...r.facts });
      context.set(r.childId, { ...context.get(r.childId), ...r.context });
    }
  }
  const children = await loadChildren(db);
  const updates = [...children.values()].map((c) => {
    const ctx = context.get(c.id) ?? {};
    return { id: c.id, sex: c.sex, age: c.age, school: ctx.school ?? null, grade: ctx.grade ?? null, nursery: ctx.nursery ?? null };
  });
  await upsertChildren(db, updates);
  const version = await bumpDataVersion(db);
  await upsertChildFacts(
    db,
    [...children.keys()].map((id) => ({ childId: id, facts: facts.get(id) ?? {} })),
    version,
  );
  return children.size;
}

/**
 * Re-links every non-roster record against the current roster and staff decisions, then
 * re-derives facts, in one transaction. Returns the linkage report.
 * @example const report = await relinkAll(ctx);
 */
export async function relinkAll(ctx: PipelineContext): Promise<LinkageReport> {
  return ctx.db.transaction().execute(async function relink(trx: Db) {
    const linker = await loadLinker(trx);
    const report = emptyReport();
    const updates: RecordLinkUpdate[] = [];
    for await (const page of readRecordsWithIdentity(trx, { linkedOnly: false })) {
      for (const r of page) {
        if (r.kind === 'person' || r.identity === null) continue;
        const record = { kind: r.kind, line: r.line, identity: r.identity, context: r.context, facts: r.facts };
        const input = toRecordInput(record, linker.link(record), report);
        if (input.childId !== r.childId || input.linkStatus !== r.linkStatus || input.linkMethod !== r.linkMethod) {
          updates.push({
            recordId: r.id,
            childId: input.childId,
            linkStatus: input.linkStatus,
            linkMethod: input.linkMethod,
            linkConfidence: input.linkConfidence,
          });
        }
      }
    }
    await updateRecordLinks(trx, updates);
    await deriveAllChildFacts(trx);
    await appendAudit(trx, {
      actorId: ctx.actor?.id ?? null,
      actorRole: ctx.actor?.role ?? 'system',
      action: 'linkage.relink',
      targetType: null,
      targetId: null,
      ip: ctx.actor?.ip ?? null,
      details: { total: report.total, changed: updates.length, ambiguous: report.ambiguous, unmatched: report.unmatched },
    });
    return report;
  });
}
