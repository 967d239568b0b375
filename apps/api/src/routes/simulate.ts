import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { idSchema, jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import { simulateRequestSchema, simulationResultSchema } from '../schemas/simulate';

const simulate = defineRoute(
  { roles: ['rule_editor', 'family_center'] },
  {
    method: 'post',
    path: '/{id}/simulate',
    tags: ['rule-sets'],
    summary: 'Single-child simulator: every rule and condition for one child or typed facts',
    request: {
      params: z.object({ id: idSchema.openapi({ param: { name: 'id', in: 'path' } }) }),
      body: jsonBody(simulateRequestSchema),
    },
    responses: {
      200: jsonResponse(simulationResultSchema, 'Scores and lit conditions'),
      ...problemResponses,
      422: problemResponses[400],
    },
  },
);

function notFound(what: string): never {
  throw new ApiError(404, 'not_found', `No such ${what}.`);
}

/**
 * The single-child simulator (mounted under `/rule-sets`): a draft or the published version
 * against one pseudonymous child's stored facts and/or facts typed by hand. Nothing is stored;
 * reading a child's facts is audited like any other read of a child.
 */
export function simulateRoutes(ctx: AppContext) {
  const { deps } = ctx;
  async function publishedDocument(id: string) {
    const summary = (await deps.ruleSets.list()).find((s) => s.id === id);
    if (summary?.current == null) notFound('published rule set');
    return (await deps.ruleSets.version(id, summary.current.version)) ?? notFound('version');
  }

  return createRouter().openapi(simulate, async function simulateChild(c) {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const document = body.document ?? (await publishedDocument(id));
    let facts = body.facts ?? {};
    if (body.childId !== undefined) {
      const child = (await deps.children.get(body.childId)) ?? notFound('child');
      await audit(c, 'child.simulate', { type: 'child', id: child.id }, { ruleSetId: id });
      facts = { ...child.facts, ...facts };
    }
    const outcome = deps.engine.simulate(document, facts);
    if (!outcome.ok) {
      throw new ApiError(422, 'invalid_rule_set', 'The rule set does not validate.', {
        errors: outcome.errors.slice(0, 200).map((e) => ({ path: e.path, message: e.message })),
      });
    }
    return c.json(outcome.result, 200);
  });
}
