import { defineRoute } from '../access';
import { createRouter, type AppContext } from '../context';
import { audit } from '../audit';
import { ApiError } from '../problem';
import { jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import { previewRequestSchema, previewResultSchema } from '../schemas/preview';
import { languageQuerySchema, requestLanguage } from '../language';

const preview = defineRoute(
  { roles: ['rule_editor', 'family_center'] },
  {
    method: 'post',
    path: '/',
    tags: ['preview'],
    summary: 'What-if: a draft or moved thresholds against the published version, over every child',
    request: { body: jsonBody(previewRequestSchema), query: languageQuerySchema },
    responses: { 200: jsonResponse(previewResultSchema, 'Before and after'), ...problemResponses },
  },
);

/** The what-if preview (pseudonymous ids only; nothing is stored). */
export function previewRoutes(ctx: AppContext) {
  return createRouter().openapi(preview, async function runPreview(c) {
    const lang = requestLanguage(c, c.req.valid('query').lang);
    const result = await ctx.deps.preview.preview(c.req.valid('json'), lang);
    if (result === undefined) throw new ApiError(404, 'not_found', 'No such rule set or draft.');
    // The moves name children with their levels before and after: a read of each one.
    const { ruleSetId, draftId } = c.req.valid('json');
    await audit(
      c,
      'preview.run',
      { type: 'rule_set', id: ruleSetId },
      {
        draftId: draftId ?? null,
        childIds: [...new Set([...result.entered, ...result.left].map((m) => m.childId))],
      },
    );
    return c.json(result, 200);
  });
}
