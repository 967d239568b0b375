import { newId } from '../new-id';
import { z } from 'zod';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { DbError } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { RuleSetVersionsTable } from '../schema';

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
  };
  await db.insertInto('rule_sets').values(row).execute();
  return { id: row.id, title: input.title, currentVersionId: null, createdAt: row.created_at };
}

/** Every rule set, ordered by id. */
export async function listRuleSets(db: Db): Promise<RuleSet[]> {
  const rows = await db.selectFrom('rule_sets').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: fromJson(titleSchema, r.title_json, 'rule_sets.title_json'),
    currentVersionId: r.current_version_id,
    createdAt: r.created_at,
  }));
}

/**
 * Adds a draft version (next version number) to a rule set.
 * @example const draft = await createDraft(db, { ruleSetId: 'demo', document, createdBy: 'u1', note: null });
 */
export async function createDraft(
  db: Db,
  input: { ruleSetId: string; document: RuleSetDocument; createdBy: string; note: string | null },
): Promise<RuleSetVersion> {
  return inTransaction(db, async function addDraft(trx) {
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

/** Replaces a draft's document; refuses (`not_draft`) once published or archived. */
export async function updateDraft(
  db: Db,
  input: { versionId: string; document: RuleSetDocument; note?: string | null },
): Promise<RuleSetVersion> {
  const result = await db
    .updateTable('rule_set_versions')
    .set({
      document_json: toJson(input.document),
      ...(input.note === undefined ? {} : { note: input.note }),
    })
    .where('id', '=', input.versionId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    await getVersionOrThrow(db, input.versionId);
    throw new DbError('not_draft', 'only a draft can be edited');
  }
  return getVersionOrThrow(db, input.versionId);
}

/**
 * Publishes a draft: it becomes immutable and current; the previously published one is archived.
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
        approved_by: input.approvedBy ?? null,
      })
      .where('id', '=', input.versionId)
      .execute();
    return getVersionOrThrow(trx, input.versionId);
  });
}

/** Rollback: publishes a copy of an older version as a new version. */
export async function republishVersion(
  db: Db,
  input: { versionId: string; publishedBy: string; note: string | null },
): Promise<RuleSetVersion> {
  const old = await getVersionOrThrow(db, input.versionId);
  const draft = await createDraft(db, {
    ruleSetId: old.ruleSetId,
    document: old.document,
    createdBy: input.publishedBy,
    note: input.note ?? `republished from version ${old.version}`,
  });
  return publishVersion(db, { versionId: draft.id, publishedBy: input.publishedBy });
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

async function getVersionOrThrow(db: Db, versionId: string): Promise<RuleSetVersion> {
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
