import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { childExplanationSchema } from '../schemas/children';
import {
  idParamSchema,
  idSchema,
  jsonBody,
  jsonResponse,
  pagedResponse,
  problemResponses,
} from '../schemas/common';
import {
  runResultSchema,
  runResultsQuerySchema,
  runSummarySchema,
  startRunSchema,
} from '../schemas/runs';

const tags = ['runs'];
const center = { roles: ['family_center'] } as const;

const start = defineRoute(center, {
  method: 'post',
  path: '/',
  tags,
  summary: 'Start a judgement run',
  request: { body: jsonBody(startRunSchema) },
  responses: { 202: jsonResponse(z.object({ id: z.string() }), 'Started'), ...problemResponses },
});
const list = defineRoute(center, {
  method: 'get',
  path: '/',
  tags,
  summary: 'Judgement runs',
  responses: { 200: jsonResponse(z.array(runSummarySchema), 'Runs'), ...problemResponses },
});
const get = defineRoute(center, {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One run with progress',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(runSummarySchema, 'Run'), ...problemResponses },
});
const results = defineRoute(center, {
  method: 'get',
  path: '/{id}/results',
  tags,
  summary: 'Results of a run, filtered and paged',
  request: { params: idParamSchema, query: runResultsQuerySchema },
  responses: { 200: pagedResponse(runResultSchema, 'Results'), ...problemResponses },
});
const explain = defineRoute(center, {
  method: 'get',
  path: '/{id}/children/{childId}',
  tags,
  summary: "A child's explanation in a run",
  request: {
    params: idParamSchema.extend({
      childId: idSchema.openapi({ param: { name: 'childId', in: 'path' } }),
    }),
  },
  responses: { 200: jsonResponse(childExplanationSchema, 'Explanation'), ...problemResponses },
});

/** Judgement runs: start, progress, results, per-child explanation. */
export function runRoutes(ctx: AppContext) {
  const { deps } = ctx;
  return createRouter()
    .openapi(start, async function startRun(c) {
      const body = c.req.valid('json');
      const started = await deps.runs.start(body, c.get('user')?.id ?? '');
      if (started === undefined)
        throw new ApiError(404, 'not_found', 'No such rule set or version.');
      await audit(
        c,
        'run.start',
        { type: 'run', id: started.id },
        { ruleSetId: body.ruleSetId, version: body.version ?? null },
      );
      return c.json(started, 202);
    })
    .openapi(list, async function listRuns(c) {
      return c.json(await deps.runs.list(), 200);
    })
    .openapi(get, async function getRun(c) {
      const run = await deps.runs.get(c.req.valid('param').id);
      if (run === undefined) throw new ApiError(404, 'not_found', 'No such run.');
      return c.json(run, 200);
    })
    .openapi(results, async function runResults(c) {
      const { id } = c.req.valid('param');
      const { flagged, ...query } = c.req.valid('query');
      const page = await deps.runs.results(id, {
        ...query,
        flagged: flagged === undefined ? undefined : flagged === 'true',
      });
      if (page === undefined) throw new ApiError(404, 'not_found', 'No such run.');
      await audit(c, 'run.results.read', { type: 'run', id }, { count: page.items.length });
      c.header('x-total-count', String(page.total));
      return c.json(page.items, 200);
    })
    .openapi(explain, async function explainInRun(c) {
      const { id, childId } = c.req.valid('param');
      const result = await deps.children.explanation(childId, id);
      if (result === undefined) throw new ApiError(404, 'not_found', 'No such run or child.');
      await audit(c, 'child.explanation.read', { type: 'child', id: childId }, { runId: id });
      return c.json(result, 200);
    });
}
