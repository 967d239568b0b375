import { appendAudit, type AuditInput, type Db } from '@mimamori/db';

/** Who is acting (for provenance and the audit log). */
export interface Actor {
  id: string | null;
  role: string;
  ip?: string | null;
}

/** What every pipeline step needs. */
export interface PipelineContext {
  db: Db;
  /**
   * Where imports store their batches, when not `db`: a SQLite writer thread (openSqliteWriter)
   * on the same file, so storing one file overlaps preparing the next (importFiles).
   */
  writer?: Db;
  /** Keyed pseudonym of a resident number (HMAC); the key never leaves configuration. */
  pseudonymize: (residentNumber: string) => string;
  /** Reference date (ISO) for ages and school grades. */
  asOf: string;
  /** Ages (inclusive, on `asOf`) of the residents who are judged: 3–15 in the village. */
  ageRange: readonly [number, number];
  actor?: Actor | null;
}

/**
 * Appends an audit entry in the acting person's name (`system` when nobody acts: the demo, CLI
 * runs without a signed-in user).
 * @example await auditAs(trx, ctx.actor, { action: 'run.complete', targetType: 'judgement_run', targetId: id });
 */
export async function auditAs(
  db: Db,
  actor: Actor | null | undefined,
  entry: Pick<AuditInput, 'action' | 'targetType' | 'targetId' | 'details'>,
): Promise<void> {
  await appendAudit(db, {
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? 'system',
    ip: actor?.ip ?? null,
    ...entry,
  });
}
