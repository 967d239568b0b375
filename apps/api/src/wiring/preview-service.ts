import { createPreviewService as createPipelinePreview } from '@mimamori/pipeline';
import type { Db } from '@mimamori/db';
import type { PreviewService, RuleSetStore } from '../deps';
import { ApiError } from '../problem';

/**
 * The what-if preview on `@mimamori/pipeline` (cached columns, re-levelling for threshold
 * moves). A `draftId` is read from the store; an invalid draft answers 422 `invalid_rule_set`
 * with the JSON-pointer errors.
 */
export function createPreviewService(
  db: Db,
  ruleSets: Pick<RuleSetStore, 'draft'>,
): PreviewService {
  const previews = createPipelinePreview(db);
  return {
    async preview(request, lang) {
      let draftDocument: unknown = request.document;
      if (request.draftId !== undefined) {
        draftDocument = await ruleSets.draft(request.ruleSetId, request.draftId);
        if (draftDocument === undefined) return undefined;
      }
      const outcome = await previews.preview({
        ruleSetId: request.ruleSetId,
        ...(draftDocument === undefined ? {} : { draftDocument }),
        ...(request.levels === undefined ? {} : { levels: request.levels }),
        ...(lang === undefined ? {} : { lang }),
      });
      if (outcome.ok) return outcome.result;
      if (outcome.code === 'no_published_rule_set') return undefined;
      throw new ApiError(422, 'invalid_rule_set', 'The draft does not validate.', {
        errors: outcome.errors.slice(0, 50).map((e) => ({ path: e.path, message: e.message })),
      });
    },
  };
}
