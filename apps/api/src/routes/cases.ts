import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import {
  caseDecisionSchema,
  caseEventSchema,
  caseSchema,
  createCaseSchema,
} from '../schemas/cases';
import { idParamSchema, jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import { kpisSchema } from '../schemas/data';

const tags = ['cases'];
const center = { roles: ['family_center'] } as const;

const list = defineRoute(center, {
  method: 'get',
  path: '/cases',
  tags,
  summary: 'Support cases',
  request: {
    query: z.object({
      status: z.string().max(32).optional(),
      childId: z.string().max(64).optional(),
    }),
  },
  responses: { 200: jsonResponse(z.array(caseSchema), 'Cases'), ...problemResponses },
});
const create = defineRoute(center, {
  method: 'post',
  path: '/cases',
  tags,
  summary: 'Open a case from a flag',
  request: { body: jsonBody(createCaseSchema) },
  responses: { 201: jsonResponse(caseSchema, 'Opened'), ...problemResponses },
});
const get = defineRoute(center, {
  method: 'get',
  path: '/cases/{id}',
  tags,
  summary: 'One case with its full history',
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(caseSchema.extend({ events: z.array(caseEventSchema) }), 'Case'),
    ...problemResponses,
  },
});
const decide = defineRoute(center, {
  method: 'post',
  path: '/cases/{id}/decisions',
  tags,
  summary: 'Record a decision (見守り継続 / 予防的支援 / ケース会議 / 関係機関へ接続 / 終結)',
  request: { params: idParamSchema, body: jsonBody(caseDecisionSchema) },
  responses: { 201: jsonResponse(caseEventSchema, 'Recorded'), ...problemResponses },
});
const kpis = defineRoute(center, {
  method: 'get',
  path: '/kpis',
  tags: ['kpis'],
  summary: 'Funnel: judged, flagged, watched, support, contacts',
  responses: { 200: jsonResponse(kpisSchema, 'KPIs'), ...problemResponses },
});

/** Cases and decisions (family center), and the funnel KPIs. */
export function caseRoutes(ctx: AppContext) {
  const { deps } = ctx;
  return createRouter()
    .openapi(list, async function listCases(c) {
      return c.json(await deps.cases.list(c.req.valid('query')), 200);
    })
    .openapi(create, async function openCase(c) {
      const body = c.req.valid('json');
      const opened = await deps.cases.create(body, c.get('user')?.id ?? '');
      if (opened === undefined) throw new ApiError(404, 'not_found', 'No such child or run.');
      await audit(
        c,
        'case.open',
        { type: 'case', id: opened.id },
        { childId: body.childId, runId: body.runId ?? null },
      );
      return c.json(opened, 201);
    })
    .openapi(get, async function getCase(c) {
      const { id } = c.req.valid('param');
      const found = await deps.cases.get(id);
      const events = found === undefined ? undefined : await deps.cases.events(id);
      if (found === undefined || events === undefined)
        throw new ApiError(404, 'not_found', 'No such case.');
      await audit(c, 'case.read', { type: 'case', id });
      return c.json({ ...found, events }, 200);
    })
    .openapi(decide, async function decideCase(c) {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.decision === 'refer' && body.agency === undefined) {
        throw new ApiError(400, 'validation_failed', 'A referral names the agency.', {
          errors: [{ path: '/agency', message: 'required for refer' }],
        });
      }
      const event = await deps.cases.decide(id, body, c.get('user')?.id ?? '');
      if (event === undefined) throw new ApiError(404, 'not_found', 'No such case.');
      await audit(c, 'case.decision', { type: 'case', id }, { decision: body.decision });
      return c.json(event, 201);
    })
    .openapi(kpis, async function getKpis(c) {
      return c.json(await deps.cases.kpis(), 200);
    });
}
