import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../database';
import { DbError } from '../db-error';
import { canonicalJson, fromJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { AuditLogTable } from '../schema';
import { inTransaction } from '../transaction';

/** What to record: who did what to which target, from where. Details carry no personal data. */
export interface AuditInput {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
  at?: string;
}

/** A stored audit entry with its place in the chain. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Outcome of {@link verifyAuditChain}. */
export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; firstBadSeq: number; reason: 'gap' | 'prev_hash' | 'hash' | 'head' };

const detailsSchema = z.record(z.string(), z.unknown());

/** hash = sha256(prev_hash + canonical JSON of the row's fields). */
function entryHash(row: Omit<AuditLogTable, 'hash'>): string {
  const { prev_hash: prevHash, ...fields } = row;
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends one entry to the chain. The first statement updates the chain head, which takes the
 * write lock (SQLite) or the head row's lock (PostgreSQL): concurrent appends serialise.
 * @example await appendAudit(db, { actorId: u.id, actorRole: u.role, action: 'rules.publish', targetType: 'rule_set_version', targetId: v.id, ip });
 */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditEntry> {
  return inTransaction(db, async function append(trx) {
    await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    const head = await trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const fields: Omit<AuditLogTable, 'hash'> = {
      seq: Number(head.seq),
      at: input.at ?? nowIso(),
      actor_id: input.actorId,
      actor_role: input.actorRole,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      ip: input.ip,
      details_json: canonicalJson(input.details ?? {}),
      prev_hash: head.hash,
    };
    const row: AuditLogTable = { ...fields, hash: entryHash(fields) };
    await trx.insertInto('audit_log').values(row).execute();
    await trx.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', 1).execute();
    return toEntry(row);
  });
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: fromJson(detailsSchema, row.details_json, 'audit_log.details_json'),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Audit entries, newest first, optionally filtered. */
export async function listAudit(
  db: Db,
  filter: {
    action?: string;
    actorId?: string;
    targetType?: string;
    targetId?: string;
    limit?: number;
    offset?: number;
  } = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toEntry);
}

/**
 * Recomputes the whole chain: detects an edited entry (hash), a deleted or inserted one (gap,
 * prev_hash) and a deleted tail (head).
 * @example const result = await verifyAuditChain(db); if (!result.ok) console.error(result.firstBadSeq);
 */
export async function verifyAuditChain(db: Db, pageSize = 5_000): Promise<AuditVerification> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) throw new DbError('not_found', 'audit chain head is missing');
  let expected = 1;
  let prevHash = '0'.repeat(64);
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) return { ok: false, firstBadSeq: expected, reason: 'gap' };
      if (row.prev_hash !== prevHash) return { ok: false, firstBadSeq: seq, reason: 'prev_hash' };
      const { hash, ...fields } = row;
      if (entryHash({ ...fields, seq }) !== hash)
        return { ok: false, firstBadSeq: seq, reason: 'hash' };
      prevHash = hash;
      expected += 1;
    }
    if (rows.length < pageSize) break;
  }
  const count = expected - 1;
  if (Number(head.seq) !== count || head.hash !== prevHash) {
    return { ok: false, firstBadSeq: count + 1, reason: 'head' };
  }
  return { ok: true, count };
}
