import {
  inTransaction,
  listBatches,
  listSourceRecords,
  lockLinkage,
  readLinkedRecords,
  readLinkInputs,
  updateRecordLinks,
  type Db,
  type RecordLinkUpdate,
  type StoredRecord,
} from '@mimamori/db';
import { auditAs, type PipelineContext } from './context';
import { contextKeys, mergeLinked, writeSourceSnapshot } from './derive-facts';
import { emptyReport, loadLinker, toRecordInput, type LinkageReport } from './link-records';

/**
 * Re-derives every child's facts and context from the latest batch of each connector
 * (every source sends full snapshots). Used after re-linking and review decisions. Every
 * connector's snapshot is rewritten, also one whose latest batch no longer links any record: a
 * child whose only record of a source was rejected or moved loses that source's facts. Runs in
 * one transaction (the caller's, when `db` is one) under the linkage lock.
 * @example await deriveAllChildFacts(trx);
 */
export function deriveAllChildFacts(db: Db): Promise<void> {
  return inTransaction(db, async function derive(trx: Db) {
    await lockLinkage(trx);
    const batches = await listBatches(trx, { limit: 100_000 });
    const latest = new Map<string, string>();
    for (const b of batches) {
      const prev = latest.get(b.connector);
      if (prev === undefined || b.id > prev) latest.set(b.connector, b.id);
    }
    const bySource = new Map<string, StoredRecord[]>();
    for await (const page of readLinkedRecords(trx, { pageSize: 20_000 })) {
      for (const r of page) {
        if (latest.get(r.connector) !== r.batchId) continue;
        const list = bySource.get(r.connector) ?? [];
        list.push(r);
        bySource.set(r.connector, list);
      }
    }
    for (const [source, batchId] of latest) {
      const merged = mergeLinked(bySource.get(source) ?? []);
      if (merged.children.length === 0) await ownContext(trx, batchId, merged.owned);
      await writeSourceSnapshot(trx, source, merged);
    }
  });
}

/**
 * The context keys (school, grade, nursery) a batch carries, read from one of its records: a
 * source with no linked record left still owns them, so the children it no longer links lose
 * them too.
 */
async function ownContext(
  db: Db,
  batchId: string,
  owned: ReturnType<typeof mergeLinked>['owned'],
): Promise<void> {
  const [sample] = await listSourceRecords(db, { batchId, limit: 1 });
  if (sample === undefined) return;
  for (const k of contextKeys) if (sample.context[k] !== undefined) owned.add(k);
}

/**
 * Re-links every non-roster record against the current roster and staff decisions, then
 * re-derives facts, in one transaction (the caller's, when `ctx.db` is one). Returns the report.
 * @example const report = await relinkAll(ctx);
 */
export async function relinkAll(ctx: PipelineContext): Promise<LinkageReport> {
  return inTransaction(ctx.db, async function relink(trx: Db) {
    // First: the roster, decisions and links read below are the ones the last writer committed.
    await lockLinkage(trx);
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
