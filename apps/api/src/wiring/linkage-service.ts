import { decideLinkage, listLinkageReview } from '@mimamori/pipeline';
import type { LinkageStore } from '../deps';
import { ApiError } from '../problem';
import type { BaseContext } from './import-service';

/** The linkage review queue and decisions on `@mimamori/pipeline` (re-links and re-derives). */
export function createLinkageService(ctx: BaseContext): LinkageStore {
  return {
    async queue() {
      const entries = await listLinkageReview(ctx.db, { limit: 200 });
      return entries.map((e) => ({
        id: e.recordId,
        source: e.connector,
        file: e.file,
        line: e.line,
        reasons: e.reasons,
        candidates: e.candidates,
      }));
    },
    async decide(id, decision, actor) {
      const outcome = await decideLinkage({ ...ctx, actor }, { recordId: id, ...decision });
      if (outcome.ok) return true;
      if (outcome.code === 'unknown_record') return false;
      if (outcome.code === 'unknown_child')
        throw new ApiError(404, 'unknown_child', 'No such child to match the record to.');
      throw new ApiError(400, 'validation_failed', 'A match needs a childId.', {
        errors: [{ path: '/childId', message: 'required for match' }],
      });
    },
  };
}
