import {
  approveRequest,
  createDraft,
  getPendingApproval,
  getRuleSet,
  getVersion,
  inTransaction,
  listOpenApprovals,
  listRuleSets,
  listVersions,
  publishVersion,
  rejectRequest,
  republishVersion,
  requestApproval,
  requestRollback,
  setApprovalRequired,
  updateDraft,
  closePendingApprovals,
  type ApprovalRequest,
  type Db,
  type RuleSetVersion,
} from '@mimamori/db';
import type { ApprovalRecord, RuleSetStore } from '../deps';

const isPublished = (v: RuleSetVersion) => v.status === 'published' || v.status === 'archived';

/** A draft of this rule set by id, or undefined (ids of other rule sets do not leak). */
async function draftOf(
  db: Db,
  ruleSetId: string,
  draftId: string,
): Promise<RuleSetVersion | undefined> {
  const version = await getVersion(db, draftId);
  return version !== undefined && version.ruleSetId === ruleSetId && version.status === 'draft'
    ? version
    : undefined;
}

async function exists(db: Db, ruleSetId: string): Promise<boolean> {
  return (await getRuleSet(db, ruleSetId)) !== undefined;
}

async function publishedVersion(
  db: Db,
  ruleSetId: string,
  version: number,
): Promise<RuleSetVersion | undefined> {
  return (await listVersions(db, ruleSetId)).find((v) => v.version === version && isPublished(v));
}

function toRecord(request: ApprovalRequest): ApprovalRecord {
  return {
    id: request.id,
    draftId: request.versionId,
    kind: request.kind,
    fromVersion: request.fromVersion,
    status: request.status,
    note: request.note,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
    reason: request.reason,
  };
}

/** Rule sets and versions on `@mimamori/db`: published versions are immutable there. */
export function createRuleSetStore(db: Db): RuleSetStore {
  return {
    async list() {
      const sets = await listRuleSets(db);
      return Promise.all(
        sets.map(async function summarise(set) {
          const versions = await listVersions(db, set.id);
          const current = versions.find(
            (v) => v.id === set.currentVersionId && v.publishedAt !== null,
          );
          return {
            id: set.id,
            title: { ja: set.title.ja, en: set.title.en },
            current:
              current === undefined
                ? null
                : { version: current.version, publishedAt: current.publishedAt ?? '' },
            drafts: versions
              .filter((v) => v.status === 'draft')
              .map((v) => ({
                draftId: v.id,
                updatedAt: v.createdAt,
                author: v.createdBy,
                ...(v.note === null ? {} : { note: v.note }),
              })),
            approvalRequired: set.approvalRequired,
            approvals: (await listOpenApprovals(db, set.id)).map(toRecord),
          };
        }),
      );
    },
    async versions(id) {
      if (!(await exists(db, id))) return undefined;
      return (await listVersions(db, id)).filter(isPublished).map((v) => ({
        version: v.version,
        publishedAt: v.publishedAt ?? '',
        ...(v.publishedBy === null ? {} : { publishedBy: v.publishedBy }),
        ...(v.approvedBy === null ? {} : { approvedBy: v.approvedBy }),
        ...(v.note === null ? {} : { note: v.note }),
      }));
    },
    async version(id, version) {
      return (await publishedVersion(db, id, version))?.document;
    },
    async draft(id, draftId) {
      return (await draftOf(db, id, draftId))?.document;
    },
    async createDraft(id, document, by) {
      if (!(await exists(db, id))) return undefined;
      const draft = await createDraft(db, { ruleSetId: id, document, createdBy: by, note: null });
      return { draftId: draft.id };
    },
    async updateDraft(id, draftId, document, by) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      return inTransaction(db, async function save(trx) {
        // Closed here (not only inside updateDraft) to learn which request the edit cancelled.
        const cancelled = await closePendingApprovals(trx, {
          versionId: draftId,
          status: 'cancelled',
          by,
        });
        await updateDraft(trx, { versionId: draftId, document, updatedBy: by });
        return { cancelledApproval: cancelled ?? null };
      });
    },
    async publish(id, draftId, note, by) {
      const draft = await draftOf(db, id, draftId);
      if (draft === undefined) return undefined;
      return inTransaction(db, async function publish(trx) {
        await updateDraft(trx, {
          versionId: draftId,
          document: draft.document,
          note,
          updatedBy: by,
        });
        const published = await publishVersion(trx, { versionId: draftId, publishedBy: by });
        return { version: published.version };
      });
    },
    async republish(id, version, note, by) {
      const old = await publishedVersion(db, id, version);
      if (old === undefined) return undefined;
      const published = await republishVersion(db, { versionId: old.id, publishedBy: by, note });
      return { version: published.version };
    },
    async approvalRequired(id) {
      return (await getRuleSet(db, id))?.approvalRequired;
    },
    async setApprovalRequired(id, required) {
      if (!(await exists(db, id))) return undefined;
      const { ruleSet, previous } = await setApprovalRequired(db, { ruleSetId: id, required });
      return { approvalRequired: ruleSet.approvalRequired, previous };
    },
    async pendingApproval(id, draftId) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      const pending = await getPendingApproval(db, draftId);
      return pending && toRecord(pending);
    },
    async requestApproval(id, draftId, note, by) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      return toRecord(await requestApproval(db, { versionId: draftId, requestedBy: by, note }));
    },
    async requestRollback(id, version, note, by) {
      const old = await publishedVersion(db, id, version);
      if (old === undefined) return undefined;
      return toRecord(await requestRollback(db, { versionId: old.id, requestedBy: by, note }));
    },
    async approve(id, draftId, by) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      const { request, version } = await approveRequest(db, { versionId: draftId, approvedBy: by });
      return { version: version.version, request: toRecord(request) };
    },
    async reject(id, draftId, reason, by) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      return toRecord(await rejectRequest(db, { versionId: draftId, rejectedBy: by, reason }));
    },
  };
}
