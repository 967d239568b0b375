import {
  countLinkageReview,
  decideLinkage,
  listLinkageDecisions,
  listLinkageReview,
  undoLinkageDecision,
} from '@mimamori/pipeline';
import type { LinkageStore } from '../deps';
import { ApiError } from '../problem';
import type { BaseContext } from './import-service';

/** The linkage review queue, decisions and their undo on `@mimamori/pipeline` (re-links and re-derives). */
export function createLinkageService(ctx: BaseContext): LinkageStore {
  return {
    async queue(paging) {
      const [entries, total] = await Promise.all([
        listLinkageReview(ctx.db, paging),
        countLinkageReview(ctx.db),
      ]);
      const items = entries.map((e) => ({
        id: e.recordId,
        source: e.connector,
        file: e.file,
        line: e.line,
        reasons: e.reasons,
        identity: e.identity,
        candidates: e.candidates,
      }));
      return { items, total };
    },
    async decide(id, decision, actor) {
      const outcome = await decideLinkage({ ...ctx, actor }, { recordId: id, ...decision });
      if (outcome.ok) return true;
      if (outcome.code === 'unknown_record') return false;
      if (outcome.code === 'unknown_child')
        throw new ApiError(404, 'unknown_child', 'No such child to match the record to.');
      if (outcome.code === 'on_roster')
        throw new ApiError(
          409,
          'on_roster',
          'The roster lists this person: match the record to them, or exclude it.',
        );
      throw new ApiError(400, 'validation_failed', 'A match needs a childId.', {
        errors: [{ path: '/childId', message: 'required for match' }],
      });
    },
    async decisions(paging) {
      const { items, total } = await listLinkageDecisions(ctx.db, paging);
      return {
        total,
        items: items.map(({ latest, ...d }) => ({
          ...d,
          latest: latest && {
            id: latest.recordId,
            source: latest.connector,
            file: latest.file,
            line: latest.line,
            identity: latest.identity,
          },
        })),
      };
    },
    async undo(identityKey, actor) {
      const outcome = await undoLinkageDecision({ ...ctx, actor }, identityKey);
      return outcome.ok;
    },
  };
}
