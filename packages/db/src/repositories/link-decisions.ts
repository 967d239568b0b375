import { identitySchema, type Identity } from '@mimamori/records';
import type { Db } from '../database';
import { fromJson } from '../json-column';
import { readRosterVersion } from './ingest';
import { incrementCounter, readCounter } from './meta';
import { nowIso } from '../now-iso';
import type { LinkDecisionsTable } from '../schema';

/**
 * What staff decided for an identity: `match` links it to `childId`; `exclude` keeps its records
 * out for good; `new` says the roster does not list the person (yet): the linker lets it go once
 * the roster does.
 */
export const linkDecisionKinds = ['match', 'exclude', 'new'] as const;
export type LinkDecisionKind = (typeof linkDecisionKinds)[number];

/** A staff decision for one identity key. `rejected`: the kind keeps the identity unlinked. */
export interface LinkDecision {
  identityKey: string;
  childId: string | null;
  kind: LinkDecisionKind;
  rejected: boolean;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
}

/** What {@link saveLinkDecision} takes: `kind`, or (older callers) `rejected` meaning `exclude`. */
export type LinkDecisionInput = Omit<LinkDecision, 'decidedAt' | 'kind' | 'rejected'> & {
  kind?: LinkDecisionKind;
  rejected?: boolean;
  decidedAt?: string;
};

function kindOf(row: LinkDecisionsTable): LinkDecisionKind {
  const kind = linkDecisionKinds.find((k) => k === row.kind);
  // A row written without a kind (or an unknown one) reads as its `rejected` flag says.
  return kind ?? (row.rejected === 1 ? 'exclude' : 'match');
}

function toDecision(row: LinkDecisionsTable): LinkDecision {
  const kind = kindOf(row);
  return {
    identityKey: row.identity_key,
    childId: row.child_id,
    kind,
    rejected: kind !== 'match',
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.note,
  };
}

/** Records (or replaces) the decision for an identity key. */
export async function saveLinkDecision(db: Db, input: LinkDecisionInput): Promise<LinkDecision> {
  const kind = input.kind ?? (input.rejected === true ? 'exclude' : 'match');
  const row: LinkDecisionsTable = {
    identity_key: input.identityKey,
    child_id: kind === 'match' ? input.childId : null,
    rejected: kind === 'match' ? 0 : 1,
    kind,
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

/**
 * Removes a decision (the identity goes back to automatic linkage); `false` when there was none.
 */
export async function deleteLinkDecision(db: Db, identityKey: string): Promise<boolean> {
  const result = await db
    .deleteFrom('link_decisions')
    .where('identity_key', '=', identityKey)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return false;
  await incrementCounter(db, decisionsCounter);
  return true;
}

/** The newest record carrying a decided identity: where it came from and who it names. */
export interface DecidedRecord {
  recordId: string;
  connector: string;
  file: string;
  line: number;
  identity: Identity;
}

/** A decision with the records it governs (personal data: for linkage staff only). */
export interface DecisionWithRecord extends LinkDecision {
  /** Records of every stored batch that carry the identity. */
  records: number;
  /** The newest of them; `null` when none is stored any more. */
  latest: DecidedRecord | null;
}

/**
 * Decisions, newest first, each with the newest record that carries its identity, and the number
 * of all decisions.
 * @example const { items, total } = await listLinkDecisions(db, { limit: 20, offset: 0 });
 */
export async function listLinkDecisions(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<{ items: DecisionWithRecord[]; total: number }> {
  const rows = await db
    .selectFrom('link_decisions')
    .selectAll()
    .orderBy('decided_at', 'desc')
    .orderBy('identity_key')
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute();
  const count = await db
    .selectFrom('link_decisions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const keys = rows.map((r) => r.identity_key);
  // One pass over the identities (identity_key has no index: imports would pay for it).
  const records =
    keys.length === 0
      ? []
      : await db
          .selectFrom('record_identities as i')
          .innerJoin('source_records as r', 'r.id', 'i.record_id')
          .innerJoin('import_batches as b', 'b.id', 'r.batch_id')
          .select([
            'i.identity_key',
            'i.identity_json',
            'r.id',
            'r.line',
            'b.connector',
            'b.file_name',
          ])
          .where('i.identity_key', 'in', keys)
          .orderBy('r.id', 'desc')
          .execute();
  const counts = new Map<string, number>();
  const latest = new Map<string, DecidedRecord>();
  for (const r of records) {
    counts.set(r.identity_key, (counts.get(r.identity_key) ?? 0) + 1);
    if (latest.has(r.identity_key)) continue;
    latest.set(r.identity_key, {
      recordId: String(r.id),
      connector: r.connector,
      file: r.file_name,
      line: r.line,
      identity: fromJson(identitySchema, r.identity_json, 'record_identities.identity_json'),
    });
  }
  const items = rows.map((row) => ({
    ...toDecision(row),
    records: counts.get(row.identity_key) ?? 0,
    latest: latest.get(row.identity_key) ?? null,
  }));
  return { items, total: Number(count?.n ?? 0) };
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
