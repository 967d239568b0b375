import type { Db } from '../database';
import { readRosterVersion } from './ingest';
import { incrementCounter, readCounter } from './meta';
import { nowIso } from '../now-iso';
import type { LinkDecisionsTable } from '../schema';

/** A staff decision for one identity key: link to a child, or reject. */
export interface LinkDecision {
  identityKey: string;
  childId: string | null;
  rejected: boolean;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
}

function toDecision(row: LinkDecisionsTable): LinkDecision {
  return {
    identityKey: row.identity_key,
    childId: row.child_id,
    rejected: row.rejected === 1,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.note,
  };
}

/** Records (or replaces) the decision for an identity key. */
export async function saveLinkDecision(
  db: Db,
  input: Omit<LinkDecision, 'decidedAt'> & { decidedAt?: string },
): Promise<LinkDecision> {
  const row: LinkDecisionsTable = {
    identity_key: input.identityKey,
    child_id: input.childId,
    rejected: input.rejected ? 1 : 0,
    decided_by: input.decidedBy,
    decided_at: input.decidedAt ?? nowIso(),
    note: input.note,
  };
  await db
    .insertInto('link_decisions')
    .values(row)
    .onConflict((oc) => oc.column('identity_key').doUpdateSet({ ...row }))
    .execute();
  await incrementCounter(db, decisionsCounter);
  return toDecision(row);
}

/** Every decision, keyed by identity key (the linker consults these first). */
export async function loadLinkDecisions(db: Db): Promise<Map<string, LinkDecision>> {
  const rows = await db.selectFrom('link_decisions').selectAll().execute();
  return new Map(rows.map((r) => [r.identity_key, toDecision(r)]));
}

/** The decision for one identity key. */
export async function getLinkDecision(
  db: Db,
  identityKey: string,
): Promise<LinkDecision | undefined> {
  const row = await db
    .selectFrom('link_decisions')
    .selectAll()
    .where('identity_key', '=', identityKey)
    .executeTakeFirst();
  return row && toDecision(row);
}

/** Removes a decision (the identity goes back to automatic linkage). */
export async function deleteLinkDecision(db: Db, identityKey: string): Promise<void> {
  await db.deleteFrom('link_decisions').where('identity_key', '=', identityKey).execute();
  await incrementCounter(db, decisionsCounter);
}

/** Counts every change of a staff decision (see {@link readLinkageVersion}). */
const decisionsCounter = 'link_decisions';

/**
 * What linking depends on: the roster and the staff decisions. An import that linked its records
 * before taking the write lock compares this inside its transaction and links again if it moved.
 * @example if ((await readLinkageVersion(trx)) !== linkedAt) linked = await linkRecords(trx, records);
 */
export async function readLinkageVersion(db: Db): Promise<string> {
  return `${await readRosterVersion(db)}|${await readCounter(db, decisionsCounter)}`;
}
