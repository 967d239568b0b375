import { newId } from '../new-id';
import { z } from 'zod';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { DbError } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { RuleSetsTable, RuleSetVersionsTable } from '../schema';

/** Lifecycle of a rule-set version: drafts are editable, the others immutable. */
export const ruleSetVersionStatuses = ['draft', 'published', 'archived'] as const;
/** One of {@link ruleSetVersionStatuses}. */
export type RuleSetVersionStatus = (typeof ruleSetVersionStatuses)[number];

/** A rule-set document as stored; its content is validated by the engine, not here. */
export type RuleSetDocument = Record<string, unknown>;
const documentSchema = z.record(z.string(), z.unknown());
const titleSchema = z.object({ ja: z.string(), en: z.string() });
const statusSchema = z.enum(ruleSetVersionStatuses);

/** A rule set and the id of its published version. */
export interface RuleSet {
  id: string;
  title: { ja: string; en: string };
  currentVersionId: string | null;
  createdAt: string;
  /** Publishing needs a second person's approval (see `rule-set-approvals`). */
  approvalRequired: boolean;
}

/** One version of a rule set. */
export interface RuleSetVersion {
  id: string;
  ruleSetId: string;
  version: number;
  status: RuleSetVersionStatus;
  document: RuleSetDocument;
  note: string | null;
  createdBy: string;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  approvedBy: string | null;
}

function toVersion(row: RuleSetVersionsTable): RuleSetVersion {
  return {
    id: row.id,
    ruleSetId: row.rule_set_id,
    version: row.version,
    status: statusSchema.parse(row.status),
    document: fromJson(documentSchema, row.document_json, 'rule_set_versions.document_json'),
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    approvedBy: row.approved_by,
  };
}

/** Creates a rule set (no versions yet). */
export async function createRuleSet(
  db: Db,
  input: { id: string; title: { ja: string; en: string } },
): Promise<RuleSet> {
  const row = {
    id: input.id,
    title_json: toJson(input.title),
    current_version_id: null,
    created_at: nowIso(),
    approval_required: 0,
  };
  await db.insertInto('rule_sets').values(row).execute();
  return {
    id: row.id,
    title: input.title,
    currentVersionId: null,
    createdAt: row.created_at,
    approvalRequired: false,
  };
}

function toRuleSet(row: RuleSetsTable): RuleSet {
  return {
    id: row.id,
    title: fromJson(titleSchema, row.title_json, 'rule_sets.title_json'),
    currentVersionId: row.current_version_id,
    createdAt: row.created_at,
    approvalRequired: row.approval_required === 1,
  };
}

/** Every rule set, ordered by id. */
export async function listRuleSets(db: Db): Promise<RuleSet[]> {
  const rows = await db.selectFrom('rule_sets').selectAll().orderBy('id').execute();
  return rows.map(toRuleSet);
}

/** One rule set by id. */
export async function getRuleSet(db: Db, id: string): Promise<RuleSet | undefined> {
  const row = await db.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRuleSet(row);
}

/**
 * Adds a draft version (next version number) to a rule set. Concurrent drafts of one rule set
 * get consecutive numbers: each locks the rule set's row before reading the highest version (a
 * lock, not a retry on the unique violation: a failed statement aborts a PostgreSQL transaction,
 * and a rollback runs inside its caller's).
 * @example const draft = await createDraft(db, { ruleSetId: 'demo', document, createdBy: 'u1', note: null });
 */
export async function createDraft(
  db: Db,
  input: { ruleSetId: string; document: RuleSetDocument; createdBy: string; note: string | null },
): Promise<RuleSetVersion> {
  return inTransaction(db, async function addDraft(trx) {
    // Writes nothing new; takes the row lock (PostgreSQL) or the write lock (SQLite) so that
    // the version read below already counts every concurrent draft that committed first.
    await trx
      .updateTable('rule_sets')
      .set((eb) => ({ approval_required: eb.ref('approval_required') }))
      .where('id', '=', input.ruleSetId)
      .execute();
    const last = await trx
      .selectFrom('rule_set_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('rule_set_id', '=', input.ruleSetId)
      .executeTakeFirst();
    const row: RuleSetVersionsTable = {
      id: newId(),
      rule_set_id: input.ruleSetId,
      version: Number(last?.v ?? 0) + 1,
      status: 'draft',
      document_json: toJson(input.document),
      note: input.note,
      created_by: input.createdBy,
      created_at: nowIso(),
      published_by: null,
      published_at: null,
      approved_by: null,
    };
    await trx.insertInto('rule_set_versions').values(row).execute();
    return toVersion(row);
  });
}

/**
 * Replaces a draft's document; refuses (`not_draft`) once published or archived. A pending
 * approval request of the draft is cancelled: it was for the document as it was.
 */
export async function updateDraft(
  db: Db,
  input: {
    versionId: string;
    document: RuleSetDocument;
    note?: string | null;
    updatedBy?: string | null;
  },
): Promise<RuleSetVersion> {
  return inTransaction(db, async function saveDraft(trx) {
    const result = await trx
      .updateTable('rule_set_versions')
      .set({
        document_json: toJson(input.document),
        ...(input.note === undefined ? {} : { note: input.note }),
      })
      .where('id', '=', input.versionId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      await getVersionOrThrow(trx, input.versionId);
      throw new DbError('not_draft', 'only a draft can be edited');
    }
    await closePendingApprovals(trx, {
      versionId: input.versionId,
      status: 'cancelled',
      by: input.updatedBy ?? null,
    });
    return getVersionOrThrow(trx, input.versionId);
  });
}

/**
 * Closes the draft's pending approval request (if any) as `approved` or `cancelled`; returns
 * the id of the request it closed.
 */
export async function closePendingApprovals(
  db: Db,
  input: { versionId: string; status: 'approved' | 'cancelled'; by: string | null },
): Promise<string | undefined> {
  const pending = await db
    .selectFrom('rule_set_approvals')
    .select('id')
    .where('version_id', '=', input.versionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending === undefined) return undefined;
  await db
    .updateTable('rule_set_approvals')
    .set({ status: input.status, decided_by: input.by, decided_at: nowIso() })
    .where('id', '=', pending.id)
    .where('status', '=', 'pending')
    .execute();
  return pending.id;
}

/** Refuses a publish the rule set's approval setting does not allow. */
async function checkApproval(
  trx: Db,
  ruleSetId: string,
  input: { publishedBy: string; approvedBy?: string | null },
): Promise<void> {
  const set = await trx
    .selectFrom('rule_sets')
    .select('approval_required')
    .where('id', '=', ruleSetId)
    .executeTakeFirst();
  const approver = input.approvedBy ?? null;
  if (set?.approval_required === 1 && approver === null)
    throw new DbError(
      'approval_required',
      "publishing this rule set needs a second person's approval",
    );
  if (approver !== null && approver === input.publishedBy)
    throw new DbError('approval_same_person', 'the approver must be another person');
}

/**
 * Publishes a draft: it becomes immutable and current; the previously published one is archived.
 * When the rule set requires approval, `approvedBy` (someone other than `publishedBy`) is
 * required (`approval_required`); a pending request of the draft is closed.
 * @example await publishVersion(db, { versionId, publishedBy: 'u1', approvedBy: 'u2' });
 */
export async function publishVersion(
  db: Db,
  input: { versionId: string; publishedBy: string; approvedBy?: string | null },
): Promise<RuleSetVersion> {
  return inTransaction(db, async function publish(trx) {
    const { ruleSetId } = await getVersionOrThrow(trx, input.versionId);
    // Updating the rule set first locks its row: concurrent publishes of one set serialise here,
    // and the status is read again after the lock.
    await trx
      .updateTable('rule_sets')
      .set({ current_version_id: input.versionId })
      .where('id', '=', ruleSetId)
      .execute();
    const version = await getVersionOrThrow(trx, input.versionId);
    if (version.status !== 'draft') throw new DbError('not_draft', 'only a draft can be published');
    await checkApproval(trx, ruleSetId, input);
    const approvedBy = input.approvedBy ?? null;
    await closePendingApprovals(trx, {
      versionId: input.versionId,
      status: approvedBy === null ? 'cancelled' : 'approved',
      by: approvedBy ?? input.publishedBy,
    });
    await trx
      .updateTable('rule_set_versions')
      .set({ status: 'archived' })
      .where('rule_set_id', '=', ruleSetId)
      .where('status', '=', 'published')
      .execute();
    await trx
      .updateTable('rule_set_versions')
      .set({
        status: 'published',
        published_by: input.publishedBy,
        published_at: nowIso(),
        approved_by: approvedBy,
      })
      .where('id', '=', input.versionId)
      .execute();
    return getVersionOrThrow(trx, input.versionId);
  });
}

/**
 * Rollback: publishes a copy of an older version as a new version (all or nothing: a refused
 * publish leaves no draft behind).
 */
export async function republishVersion(
  db: Db,
  input: { versionId: string; publishedBy: string; note: string | null },
): Promise<RuleSetVersion> {
  return inTransaction(db, async function republish(trx) {
    const draft = await copyAsDraft(trx, {
      versionId: input.versionId,
      createdBy: input.publishedBy,
      note: input.note,
    });
    return publishVersion(trx, { versionId: draft.id, publishedBy: input.publishedBy });
  });
}

/** A new draft holding an older version's document (the first step of a rollback). */
export async function copyAsDraft(
  db: Db,
  input: { versionId: string; createdBy: string; note: string | null },
): Promise<RuleSetVersion> {
  const old = await getVersionOrThrow(db, input.versionId);
  return createDraft(db, {
    ruleSetId: old.ruleSetId,
    document: old.document,
    createdBy: input.createdBy,
    note: input.note ?? `republished from version ${old.version}`,
  });
}

/** One version by id. */
export async function getVersion(db: Db, versionId: string): Promise<RuleSetVersion | undefined> {
  const row = await db
    .selectFrom('rule_set_versions')
    .selectAll()
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** One version by id; `not_found` when there is none. */
export async function getVersionOrThrow(db: Db, versionId: string): Promise<RuleSetVersion> {
  const version = await getVersion(db, versionId);
  if (!version) throw new DbError('not_found', 'rule set version not found');
  return version;
}

/** Versions of a rule set, newest first. */
export async function listVersions(db: Db, ruleSetId: string): Promise<RuleSetVersion[]> {
  const rows = await db
    .selectFrom('rule_set_versions')
    .selectAll()
    .where('rule_set_id', '=', ruleSetId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** The published version of a rule set, if any. */
export async function getCurrentVersion(
  db: Db,
  ruleSetId: string,
): Promise<RuleSetVersion | undefined> {
  const row = await db
    .selectFrom('rule_set_versions')
    .selectAll()
    .where('rule_set_id', '=', ruleSetId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row && toVersion(row);
}
