import {
  inTransaction,
  listBatches,
  readLinkedRecords,
  readLinkInputs,
  updateRecordLinks,
  type Db,
  type RecordLinkUpdate,
  type StoredRecord,
} from '@mimamori/db';
import { auditAs, type PipelineContext } from './context';
import { mergeLinked, writeSourceSnapshot } from './derive-facts';
import { emptyReport, loadLinker, toRecordInput, type LinkageReport } from './link-records';

/**
 * Re-derives every child's facts and context from the latest batch of each connector
 * (every source sends full snapshots). Used after re-linking and review decisions.
 */
export async function deriveAllChildFacts(db: Db): Promise<void> {
  const batches = await listBatches(db, { limit: 100_000 });
  const latest = new Map<string, string>();
  for (const b of batches) {
    const prev = latest.get(b.connector);
    if (prev === undefined || b.id > prev) latest.set(b.connector, b.id);
  }
  const bySource = new Map<string, StoredRecord[]>();
  for await (const page of readLinkedRecords(db, { pageSize: 20_000 })) {
    for (const r of page) {
      if (latest.get(r.connector) !== r.batchId) continue;
      const list = bySource.get(r.connector) ?? [];
      list.push(r);
      bySource.set(r.connector, list);
    }
  }
  for (const [source, records] of bySource)
    await writeSourceSnapshot(db, source, mergeLinked(records));
}

/**
 * Re-links every non-roster record against the current roster and staff decisions, then
 * re-derives facts, in one transaction (the caller's, when `ctx.db` is one). Returns the report.
 * @example const report = await relinkAll(ctx);
 */
export async function relinkAll(ctx: PipelineContext): Promise<LinkageReport> {
  return inTransaction(ctx.db, async function relink(trx: Db) {
    const linker = await loadLinker(trx);
    const report = emptyReport();
    const updates: RecordLinkUpdate[] = [];
    for await (const page of readLinkInputs(trx)) {
      for (const r of page) {
        const record = {
          kind: 'observation' as const,
          line: 1,
          identity: r.identity,
          context: {},
          facts: {},
        };
        const key = linker.key(record);
        const input = toRecordInput(record, linker.link(record, key), report, key);
        if (
          input.childId !== r.childId ||
          input.linkStatus !== r.linkStatus ||
          input.linkMethod !== r.linkMethod
        ) {
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
    // Facts follow links: when no link changed, the derived facts are already right.
    if (updates.length > 0) {
      await updateRecordLinks(trx, updates);
      await deriveAllChildFacts(trx);
    }
    await auditAs(trx, ctx.actor, {
      action: 'linkage.relink',
      targetType: null,
      targetId: null,
      details: {
        total: report.total,
        changed: updates.length,
        ambiguous: report.ambiguous,
        unmatched: report.unmatched,
      },
    });
    return report;
  });
}
