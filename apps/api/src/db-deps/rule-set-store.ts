import {
  createDraft,
  getVersion,
  listRuleSets,
  listVersions,
  publishVersion,
  republishVersion,
  updateDraft,
  type Db,
  type RuleSetVersion,
} from '@mimamori/db';
import type { RuleSetStore } from '../deps';

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
  return (await listRuleSets(db)).some((r) => r.id === ruleSetId);
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
            title: set.title.ja,
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
        ...(v.note === null ? {} : { note: v.note }),
      }));
    },
    async version(id, version) {
      const found = (await listVersions(db, id)).find(
        (v) => v.version === version && isPublished(v),
      );
      return found?.document;
    },
    async draft(id, draftId) {
      return (await draftOf(db, id, draftId))?.document;
    },
    async createDraft(id, document, by) {
      if (!(await exists(db, id))) return undefined;
      const draft = await createDraft(db, { ruleSetId: id, document, createdBy: by, note: null });
      return { draftId: draft.id };
    },
    async updateDraft(id, draftId, document) {
      if ((await draftOf(db, id, draftId)) === undefined) return false;
      await updateDraft(db, { versionId: draftId, document });
      return true;
    },
    async publish(id, draftId, note, by) {
      if ((await draftOf(db, id, draftId)) === undefined) return undefined;
      await updateDraft(db, {
        versionId: draftId,
        document: (await getVersion(db, draftId))?.document ?? {},
        note,
      });
      const published = await publishVersion(db, { versionId: draftId, publishedBy: by });
      return { version: published.version };
    },
    async republish(id, version, note, by) {
      const old = (await listVersions(db, id)).find((v) => v.version === version && isPublished(v));
      if (old === undefined) return undefined;
      const published = await republishVersion(db, { versionId: old.id, publishedBy: by, note });
      return { version: published.version };
    },
  };
}
