import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../database';
import { DbError, isUniqueViolation } from '../db-error';
import { canonicalJson } from '../json-column';
import { newId } from '../new-id';
import { nowIso } from '../now-iso';
import type { RuleSetApprovalsTable } from '../schema';
import { inTransaction } from '../transaction';
import {
  copyAsDraft,
  getRuleSet,
  getVersionOrThrow,
  publishVersion,
  type RuleSet,
  type RuleSetDocument,
  type RuleSetVersion,
} from './rule-sets';

/** What an approval request publishes: a draft, or a copy of an older version (rollback). */
export const approvalKinds = ['publish', 'rollback'] as const;
/** One of {@link approvalKinds}. */
export type ApprovalKind = (typeof approvalKinds)[number];
/** Where a request stands; only one request per draft is `pending` at a time. */
export const approvalStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const;
/** One of {@link approvalStatuses}. */
export type ApprovalStatus = (typeof approvalStatuses)[number];
const kindSchema = z.enum(approvalKinds);
const statusSchema = z.enum(approvalStatuses);

/** A request to publish a draft, and what the second person decided. */
export interface ApprovalRequest {
  id: string;
  ruleSetId: string;
  /** The draft version the request publishes. */
  versionId: string;
  kind: ApprovalKind;
  /** The version a rollback copies; null for a publish. */
  fromVersion: number | null;
  status: ApprovalStatus;
  /** The change note the version is published with. */
  note: string;
  documentHash: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Why it was rejected. */
  reason: string | null;
}

function toRequest(row: RuleSetApprovalsTable): ApprovalRequest {
  return {
    id: row.id,
    ruleSetId: row.rule_set_id,
    versionId: row.version_id,
    kind: kindSchema.parse(row.kind),
    fromVersion: row.from_version,
    status: statusSchema.parse(row.status),
    note: row.note,
    documentHash: row.document_hash,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
  };
}

/**
 * SHA-256 of a document's canonical JSON: the same content always gives the same hash.
 * @example documentHash({ rules: [] })
 */
export function documentHash(document: RuleSetDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

/**
 * Turns the second-person approval of a rule set on or off; returns the set and the previous
 * setting. Pending requests stay open either way.
 * @example await setApprovalRequired(db, { ruleSetId: 'demo', required: true });
 */
export async function setApprovalRequired(
  db: Db,
  input: { ruleSetId: string; required: boolean },
): Promise<{ ruleSet: RuleSet; previous: boolean }> {
  return inTransaction(db, async function setApproval(trx) {
    const before = await getRuleSet(trx, input.ruleSetId);
    if (before === undefined) throw new DbError('not_found', 'rule set not found');
    await trx
      .updateTable('rule_sets')
      .set({ approval_required: input.required ? 1 : 0 })
      .where('id', '=', input.ruleSetId)
      .execute();
    return {
      previous: before.approvalRequired,
      ruleSet: { ...before, approvalRequired: input.required },
    };
  });
}

/** The draft's pending request, if any. */
export async function getPendingApproval(
  db: Db,
  versionId: string,
): Promise<ApprovalRequest | undefined> {
  const row = await db
    .selectFrom('rule_set_approvals')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row && toRequest(row);
}

/**
 * Writes first: takes SQLite's write lock and PostgreSQL's row lock on the draft, so two people
 * acting on one draft at once are serialised and the second reads the first one's outcome.
 */
async function lockVersion(trx: Db, versionId: string): Promise<void> {
  await trx
    .updateTable('rule_set_versions')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', versionId)
    .execute();
}

async function pendingOrThrow(db: Db, versionId: string): Promise<ApprovalRequest> {
  const pending = await getPendingApproval(db, versionId);
  if (pending === undefined) {
    await getVersionOrThrow(db, versionId);
    throw new DbError('approval_not_pending', 'the draft has no pending approval request');
  }
  return pending;
}

/**
 * Freezes a draft as a pending request: who asked, when, the note and the document's hash.
 * Refuses a version that is not a draft (`not_draft`) or already pending (`approval_pending`).
 * @example await requestApproval(db, { versionId, requestedBy: 'u1', note: '閾値を変更' });
 */
export async function requestApproval(
  db: Db,
  input: {
    versionId: string;
    requestedBy: string;
    note: string;
    kind?: ApprovalKind;
    fromVersion?: number | null;
  },
): Promise<ApprovalRequest> {
  return inTransaction(db, async function request(trx) {
    await lockVersion(trx, input.versionId);
    const version = await getVersionOrThrow(trx, input.versionId);
    if (version.status !== 'draft') throw new DbError('not_draft', 'only a draft can be approved');
    if ((await getPendingApproval(trx, input.versionId)) !== undefined)
      throw new DbError('approval_pending', 'the draft already awaits approval');
    const row: RuleSetApprovalsTable = {
      id: newId(),
      rule_set_id: version.ruleSetId,
      version_id: version.id,
      kind: input.kind ?? 'publish',
      from_version: input.fromVersion ?? null,
      status: 'pending',
      note: input.note,
      document_hash: documentHash(version.document),
      requested_by: input.requestedBy,
      requested_at: nowIso(),
      decided_by: null,
      decided_at: null,
      reason: null,
    };
    try {
      await trx.insertInto('rule_set_approvals').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DbError('approval_pending', 'the draft already awaits approval', {
          cause: error,
        });
      throw error;
    }
    return toRequest(row);
  });
}

/**
 * Rollback under approval: a copy of an older version as a new draft, pending approval.
 * @example await requestRollback(db, { versionId: old.id, requestedBy: 'u1', note: '戻す' });
 */
export async function requestRollback(
  db: Db,
  input: { versionId: string; requestedBy: string; note: string },
): Promise<ApprovalRequest> {
  return inTransaction(db, async function rollbackRequest(trx) {
    const old = await getVersionOrThrow(trx, input.versionId);
    const draft = await copyAsDraft(trx, {
      versionId: old.id,
      createdBy: input.requestedBy,
      note: input.note,
    });
    return requestApproval(trx, {
      versionId: draft.id,
      requestedBy: input.requestedBy,
      note: input.note,
      kind: 'rollback',
      fromVersion: old.version,
    });
  });
}

/**
 * A second person approves: the draft is published with the request's note, `publishedBy` the
 * requester and `approvedBy` the approver. Refuses the requester (`approval_same_person`), a
 * draft without a pending request (`approval_not_pending`) and a draft changed since the
 * request (`approval_stale`).
 * @example await approveRequest(db, { versionId, approvedBy: 'u2' });
 */
export async function approveRequest(
  db: Db,
  input: { versionId: string; approvedBy: string },
): Promise<{ request: ApprovalRequest; version: RuleSetVersion }> {
  return inTransaction(db, async function approve(trx) {
    await lockVersion(trx, input.versionId);
    const request = await pendingOrThrow(trx, input.versionId);
    if (request.requestedBy === input.approvedBy)
      throw new DbError('approval_same_person', 'the requester cannot approve their own request');
    const draft = await getVersionOrThrow(trx, input.versionId);
    if (documentHash(draft.document) !== request.documentHash)
      throw new DbError('approval_stale', 'the draft changed after approval was requested');
    const decided = await decide(trx, request, {
      status: 'approved',
      by: input.approvedBy,
      reason: null,
    });
    await trx
      .updateTable('rule_set_versions')
      .set({ note: request.note })
      .where('id', '=', input.versionId)
      .execute();
    const version = await publishVersion(trx, {
      versionId: input.versionId,
      publishedBy: request.requestedBy,
      approvedBy: input.approvedBy,
    });
    return { request: decided, version };
  });
}

/**
 * A second person rejects with a reason: the draft stays a draft and the requester reads why.
 * @example await rejectRequest(db, { versionId, rejectedBy: 'u2', reason: '根拠の記載がない' });
 */
export async function rejectRequest(
  db: Db,
  input: { versionId: string; rejectedBy: string; reason: string },
): Promise<ApprovalRequest> {
  return inTransaction(db, async function reject(trx) {
    await lockVersion(trx, input.versionId);
    const request = await pendingOrThrow(trx, input.versionId);
    if (request.requestedBy === input.rejectedBy)
      throw new DbError('approval_same_person', 'the requester cannot decide their own request');
    return decide(trx, request, { status: 'rejected', by: input.rejectedBy, reason: input.reason });
  });
}

async function decide(
  trx: Db,
  request: ApprovalRequest,
  outcome: { status: 'approved' | 'rejected'; by: string; reason: string | null },
): Promise<ApprovalRequest> {
  const decidedAt = nowIso();
  // Guarded by status: of two people deciding at once, the second finds nothing pending.
  const result = await trx
    .updateTable('rule_set_approvals')
    .set({
      status: outcome.status,
      decided_by: outcome.by,
      decided_at: decidedAt,
      reason: outcome.reason,
    })
    .where('id', '=', request.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new DbError('approval_not_pending', 'the request was decided meanwhile');
  return {
    ...request,
    status: outcome.status,
    decidedBy: outcome.by,
    decidedAt,
    reason: outcome.reason,
  };
}

/**
 * The open state of each draft of a rule set: its pending request, or the last rejection (so the
 * requester reads the reason until asking again). Approved and cancelled requests are history.
 */
export async function listOpenApprovals(db: Db, ruleSetId: string): Promise<ApprovalRequest[]> {
  const rows = await db
    .selectFrom('rule_set_approvals')
    .innerJoin('rule_set_versions', 'rule_set_versions.id', 'rule_set_approvals.version_id')
    .selectAll('rule_set_approvals')
    .where('rule_set_approvals.rule_set_id', '=', ruleSetId)
    .where('rule_set_versions.status', '=', 'draft')
    .orderBy('rule_set_approvals.requested_at', 'desc')
    .orderBy('rule_set_approvals.id', 'desc')
    .execute();
  const latest = new Map<string, ApprovalRequest>();
  for (const row of rows)
    if (!latest.has(row.version_id)) latest.set(row.version_id, toRequest(row));
  return [...latest.values()].filter((r) => r.status === 'pending' || r.status === 'rejected');
}
