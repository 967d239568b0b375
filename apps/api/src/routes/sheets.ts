import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { ApiEnv } from '../env';
import { ApiError } from '../problem';
import {
  caseEventSchema,
  createOverrideSchema,
  createSheetSchema,
  observationSchema,
  overrideSchema,
  sheetSchema,
  updateSheetSchema,
  type SheetRecord,
} from '../schemas/cases';
import { idParamSchema, jsonBody, jsonResponse, problemResponses } from '../schemas/common';

const tags = ['sheets'];
const center = { roles: ['family_center'] } as const;
const shared = { roles: ['family_center', 'teacher'], scope: 'own-school' } as const;

const list = defineRoute(shared, {
  method: 'get',
  path: '/sheets',
  tags,
  summary: 'Child info sheets (teachers: those shared with their school)',
  request: { query: z.object({ childId: z.string().max(64).optional() }) },
  responses: { 200: jsonResponse(z.array(sheetSchema), 'Sheets'), ...problemResponses },
});
const get = defineRoute(shared, {
  method: 'get',
  path: '/sheets/{id}',
  tags,
  summary: 'One child info sheet',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(sheetSchema, 'Sheet'), ...problemResponses },
});
const create = defineRoute(center, {
  method: 'post',
  path: '/sheets',
  tags,
  summary: 'Fill a sheet for a flagged child',
  request: { body: jsonBody(createSheetSchema) },
  responses: { 201: jsonResponse(sheetSchema, 'Created'), ...problemResponses },
});
const update = defineRoute(center, {
  method: 'put',
  path: '/sheets/{id}',
  tags,
  summary: 'Update a sheet or share it with a school',
  request: { params: idParamSchema, body: jsonBody(updateSheetSchema) },
  responses: { 200: jsonResponse(sheetSchema, 'Updated'), ...problemResponses },
});
const observe = defineRoute(shared, {
  method: 'post',
  path: '/sheets/{id}/observations',
  tags,
  summary: 'Record an observation after 声掛け・見守り',
  request: { params: idParamSchema, body: jsonBody(observationSchema) },
  responses: { 201: jsonResponse(caseEventSchema, 'Recorded'), ...problemResponses },
});
const overrides = defineRoute(center, {
  method: 'get',
  path: '/overrides',
  tags: ['overrides'],
  summary: 'Human overrides of levels',
  request: { query: z.object({ runId: z.string().max(64).optional() }) },
  responses: { 200: jsonResponse(z.array(overrideSchema), 'Overrides'), ...problemResponses },
});
const createOverride = defineRoute(center, {
  method: 'post',
  path: '/overrides',
  tags: ['overrides'],
  summary: "Raise or lower a child's level with a reason",
  request: { body: jsonBody(createOverrideSchema) },
  responses: { 201: jsonResponse(overrideSchema, 'Recorded'), ...problemResponses },
});

/** Sheets shared with schools, teachers' observations, and level overrides. */
export function sheetRoutes(ctx: AppContext) {
  const { deps } = ctx;
  /** A sheet the caller may see; teachers only their school's (else 404). */
  async function visibleSheet(c: Context<ApiEnv>, id: string): Promise<SheetRecord> {
    const sheet = await deps.cases.sheet(id);
    const user = c.get('user');
    if (
      sheet === undefined ||
      (user?.role === 'teacher' && (user.school === null || sheet.sharedSchool !== user.school))
    ) {
      throw new ApiError(404, 'not_found', 'No such sheet.');
    }
    return sheet;
  }

  return createRouter()
    .openapi(list, async function listSheets(c) {
      const user = c.get('user');
      if (user?.role === 'teacher' && user.school === null) return c.json([], 200);
      const school = user?.role === 'teacher' ? (user.school ?? undefined) : undefined;
      return c.json(
        await deps.cases.sheets({ school, childId: c.req.valid('query').childId }),
        200,
      );
    })
    .openapi(get, async function getSheet(c) {
      const { id } = c.req.valid('param');
      const sheet = await visibleSheet(c, id);
      await audit(c, 'sheet.read', { type: 'sheet', id }, { childId: sheet.childId });
      return c.json(sheet, 200);
    })
    .openapi(create, async function createSheet(c) {
      const body = c.req.valid('json');
      const sheet = await deps.cases.createSheet(
        { ...body, sharedSchool: body.sharedSchool ?? null },
        c.get('user')?.id ?? '',
      );
      if (sheet === undefined) throw new ApiError(404, 'not_found', 'No such run or child.');
      await audit(
        c,
        'sheet.create',
        { type: 'sheet', id: sheet.id },
        { childId: sheet.childId, sharedSchool: sheet.sharedSchool },
      );
      return c.json(sheet, 201);
    })
    .openapi(update, async function updateSheet(c) {
      const { id } = c.req.valid('param');
      const sheet = await deps.cases.updateSheet(id, c.req.valid('json'), c.get('user')?.id ?? '');
      if (sheet === undefined) throw new ApiError(404, 'not_found', 'No such sheet.');
      await audit(c, 'sheet.update', { type: 'sheet', id }, { sharedSchool: sheet.sharedSchool });
      return c.json(sheet, 200);
    })
    .openapi(observe, async function recordObservation(c) {
      const { id } = c.req.valid('param');
      await visibleSheet(c, id);
      const event = await deps.cases.observe(id, c.req.valid('json'), c.get('user')?.id ?? '');
      if (event === undefined) throw new ApiError(404, 'not_found', 'No such sheet.');
      await audit(c, 'sheet.observation', { type: 'sheet', id });
      return c.json(event, 201);
    })
    .openapi(overrides, async function listOverrides(c) {
      return c.json(await deps.cases.overrides(c.req.valid('query')), 200);
    })
    .openapi(createOverride, async function overrideLevel(c) {
      const body = c.req.valid('json');
      const created = await deps.cases.createOverride(body, c.get('user')?.id ?? '');
      if (created === undefined) throw new ApiError(404, 'not_found', 'No such run or child.');
      await audit(
        c,
        'override.create',
        { type: 'child', id: body.childId },
        { runId: body.runId, type: body.type, toLevel: body.toLevel, reasonCode: body.reasonCode },
      );
      return c.json(created, 201);
    });
}
