import { defineRoute } from '../access';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import { previewRequestSchema, previewResultSchema } from '../schemas/preview';

const preview = defineRoute(
  { roles: ['rule_editor', 'family_center'] },
  {
    method: 'post',
    path: '/',
    tags: ['preview'],
    summary: 'What-if: a draft or moved thresholds against the published version, over every child',
    request: { body: jsonBody(previewRequestSchema) },
    responses: { 200: jsonResponse(previewResultSchema, 'Before and after'), ...problemResponses },
  },
);

/** The what-if preview (pseudonymous ids only; nothing is stored). */
export function previewRoutes(ctx: AppContext) {
  return createRouter().openapi(preview, async function runPreview(c) {
    const result = await ctx.deps.preview.preview(c.req.valid('json'));
    if (result === undefined) throw new ApiError(404, 'not_found', 'No such rule set or draft.');
    return c.json(result, 200);
  });
}
