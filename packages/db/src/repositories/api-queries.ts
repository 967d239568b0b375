import { z } from 'zod';
import type { Db } from '../database';
import { fromJson } from '../json-column';
import type { AuditEntry } from './audit';

// Queries the API needs beyond the other repositories: login-attempt reset and a filtered,
// counted audit log view.

/** Forgets every failed attempt recorded under a rate-limit key (after a successful login). */
export async function clearLoginAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** Filters of the audit log viewer; `from` / `to` are ISO timestamps or dates (inclusive). */
export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const detailsSchema = z.record(z.string(), z.unknown());

/**
 * `to` as a date means the whole day: compare below the next day's start. Anything else,
 * a date off the calendar (`2026-13-45`) included, is compared as given.
 */
function upperBound(to: string): { op: '<=' | '<'; value: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) return { op: '<=', value: to };
  const next = new Date(`${to}T00:00:00.000Z`);
  if (Number.isNaN(next.getTime())) return { op: '<=', value: to };
  next.setUTCDate(next.getUTCDate() + 1);
  return { op: '<', value: next.toISOString() };
}

function filtered(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) {
    const bound = upperBound(filter.to);
    query = query.where('at', bound.op, bound.value);
  }
  return query;
}

/**
 * A page of the audit log, newest first, with the number of all matching entries.
 * @example const { items, total } = await searchAudit(db, { from: '2026-04-01', limit: 100, offset: 0 });
 */
export async function searchAudit(
  db: Db,
  filter: AuditFilter & { limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  const items = rows.map(function toEntry(row): AuditEntry {
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
  });
  return { items, total: Number(count?.n ?? 0) };
}
