import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineRoute } from '../access';
import { actorOf, audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { ApiEnv } from '../env';
import { ApiError } from '../problem';
import { answeringConflicts } from './casework-problems';
import {
  caseEventSchema,
  createSheetSchema,
  flaggedChildSchema,
  observationSchema,
  shareSheetSchema,
  sheetDetailSchema,
  sheetNotesSchema,
  sheetSchema,
} from '../schemas/cases';
import {
  idParamSchema,
  idSchema,
  jsonBody,
  jsonResponse,
  problemResponses,
} from '../schemas/common';
import { schoolSchema } from '../schemas/users';

const tags = ['sheets'];
const center = { roles: ['family_center'] } as const;
const shared = { roles: ['family_center', 'teacher'], scope: 'own-school' } as const;
const conflict = { 409: problemResponses[400] };
const unknownSchool = {
  422: { ...problemResponses[400], description: 'No child attends that school (`unknown_school`)' },
};

const flagged = defineRoute(center, {
  method: 'get',
  path: '/runs/{runId}/flagged',
  tags,
  summary:
    "A run's flagged children (after overrides) with their sheet and case, highest score first: the work list",
  request: {
    params: z.object({ runId: idSchema.openapi({ param: { name: 'runId', in: 'path' } }) }),
    query: z.object({ school: schoolSchema.optional() }),
  },
  responses: { 200: jsonResponse(z.array(flaggedChildSchema), 'Flagged'), ...problemResponses },
});
const list = defineRoute(shared, {
  method: 'get',
  path: '/sheets',
  tags,
  summary: 'Child info sheets (teachers: only those shared with their school)',
  request: { query: z.object({ runId: idSchema.optional(), childId: idSchema.optional() }) },
  responses: { 200: jsonResponse(z.array(sheetSchema), 'Sheets'), ...problemResponses },
});
const create = defineRoute(center, {
  method: 'post',
  path: '/sheets',
  tags,
  summary: 'Fill the sheet of a flagged child (opens a 見守り case; the existing sheet if filled)',
  request: { body: jsonBody(createSheetSchema) },
  responses: { 201: jsonResponse(sheetSchema, 'Sheet'), ...problemResponses, ...conflict },
});
const get = defineRoute(shared, {
  method: 'get',
  path: '/sheets/{id}',
  tags,
  summary: "One sheet with its overrides, case, observations and the run's levels",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(sheetDetailSchema, 'Sheet'), ...problemResponses },
});
const notes = defineRoute(center, {
  method: 'put',
  path: '/sheets/{id}/notes',
  tags,
  summary: 'Change the review-meeting notes (教育委員会・校長・養護教諭・SSW)',
  description:
    "Merges the given fields into the stored notes. Send `expectedUpdatedAt` (the sheet's " +
    '`updatedAt` as last loaded) to be refused with 409 `stale_sheet` instead of saving over ' +
    'a change made since; a purged sheet answers 409 `purged`.',
  request: { params: idParamSchema, body: jsonBody(sheetNotesSchema) },
  responses: { 200: jsonResponse(sheetSchema, 'Sheet'), ...problemResponses, ...conflict },
});
const share = defineRoute(center, {
  method: 'post',
  path: '/sheets/{id}/share',
  tags,
  summary: "Share a sheet with a school (default: the child's school or nursery)",
  description:
    'Changes only the sharing fields (notes saved meanwhile stay). A school no child attends ' +
    'answers 422 `unknown_school`; a purged sheet 409 `purged`.',
  request: { params: idParamSchema, body: jsonBody(shareSheetSchema) },
  responses: {
    200: jsonResponse(sheetSchema, 'Sheet'),
    ...problemResponses,
    ...conflict,
    ...unknownSchool,
  },
});
const observe = defineRoute(shared, {
  method: 'post',
  path: '/sheets/{id}/observations',
  tags,
  summary: 'Record an observation after 声掛け・見守り (support needed notifies the center)',
  description:
    "Goes to the child's case, a closed one too (an observation never opens a case). A sheet " +
    'not shared yet answers 409 `sheet_not_shared` (teachers: 404, they do not see it), a ' +
    'purged sheet 409 `purged`.',
  request: { params: idParamSchema, body: jsonBody(observationSchema) },
  responses: { 201: jsonResponse(caseEventSchema, 'Recorded'), ...problemResponses, ...conflict },
});

/** A teacher's scope: their school (`null` when the account has none: sees nothing). */
function teacherSchool(c: Context<ApiEnv>): { school: string | null } | undefined {
  const user = c.get('user');
  return user?.role === 'teacher' ? { school: user.school } : undefined;
}

/** The flagged work list, child info sheets, sharing with schools and teachers' observations. */
export function sheetRoutes(ctx: AppContext) {
  const { casework } = ctx.deps;
  return createRouter()
    .openapi(flagged, async function listFlagged(c) {
      const { runId } = c.req.valid('param');
      const { school } = c.req.valid('query');
      if (!(await casework.runExists(runId))) throw new ApiError(404, 'not_found', 'No such run.');
      const list = await casework.listFlaggedChildren(
        runId,
        school === undefined ? {} : { school },
      );
      // The work list names children with their levels: a read of each one.
      await audit(
        c,
        'run.flagged.read',
        { type: 'run', id: runId },
        { childIds: [...new Set(list.map((f) => f.childId))] },
      );
      return c.json(list, 200);
    })
    .openapi(list, async function listSheets(c) {
      const { runId, childId } = c.req.valid('query');
      const scope = teacherSchool(c);
      let sheets;
      if (scope === undefined) {
        sheets = await casework.listSheets({
          ...(runId === undefined ? {} : { runId }),
          ...(childId === undefined ? {} : { childId }),
        });
      } else {
        sheets =
          scope.school === null
            ? []
            : (await casework.listSheetsForSchool(scope.school)).filter(
                (s) =>
                  (runId === undefined || s.runId === runId) &&
                  (childId === undefined || s.childId === childId),
              );
      }
      // The sheets carry meeting notes: a list is a read of each one, as GET /sheets/{id} is.
      await audit(
        c,
        'sheet.list',
        { type: 'sheet', id: null },
        { ids: sheets.map((s) => s.id), childIds: [...new Set(sheets.map((s) => s.childId))] },
      );
      return c.json(sheets, 200);
    })
    .openapi(create, async function createSheet(c) {
      const { runId, childId } = c.req.valid('json');
      const sheet = await casework.createSheet({ runId, childId, actor: actorOf(c) });
      await audit(c, 'sheet.create', { type: 'sheet', id: sheet.id }, { runId, childId });
      return c.json(sheet, 201);
    })
    .openapi(get, async function getSheet(c) {
      const { id } = c.req.valid('param');
      const scope = teacherSchool(c);
      const sheet = await casework.getSheet(id, scope ?? {});
      if (sheet === undefined) throw new ApiError(404, 'not_found', 'No such sheet.');
      const all = await casework.listLevelOverrides({
        runId: sheet.runId,
        childId: sheet.childId,
      });
      // Staff's override notes are the center's own words: a teacher sees that the level was
      // changed and why in code (reasonCode), never the note.
      const overrides = scope === undefined ? all : all.map((o) => ({ ...o, note: null }));
      const caseId =
        scope === undefined ? ((await casework.openCaseOf(sheet.childId))?.id ?? null) : null;
      const observations = (
        await casework.listCaseEventsWithCase({ kinds: ['observation'], childId: sheet.childId })
      )
        .filter((e) => e.data['sheetId'] === sheet.id)
        .map((e) => ({
          id: e.id,
          caseId: e.caseId,
          kind: e.kind,
          data: e.data,
          actorId: e.actorId,
          at: e.at,
        }));
      const levels = await casework.levelsOfRun(sheet.runId);
      await audit(c, 'sheet.read', { type: 'sheet', id }, { childId: sheet.childId });
      return c.json({ sheet, overrides, caseId, observations, levels }, 200);
    })
    .openapi(notes, async function updateNotes(c) {
      const { id } = c.req.valid('param');
      const { expectedUpdatedAt, ...patch } = c.req.valid('json');
      const sheet = await answeringConflicts(() =>
        casework.updateSheetNotes({
          sheetId: id,
          notes: patch,
          ...(expectedUpdatedAt === undefined ? {} : { expectedUpdatedAt }),
          actor: actorOf(c),
        }),
      );
      await audit(c, 'sheet.notes', { type: 'sheet', id }, { fields: Object.keys(patch).sort() });
      return c.json(sheet, 200);
    })
    .openapi(share, async function shareSheet(c) {
      const { id } = c.req.valid('param');
      const { school } = c.req.valid('json');
      const sheet = await answeringConflicts(() =>
        casework.shareSheet({
          sheetId: id,
          ...(school === undefined ? {} : { school }),
          actor: actorOf(c),
        }),
      );
      await audit(c, 'sheet.share', { type: 'sheet', id }, { school: sheet.sharedSchool });
      return c.json(sheet, 200);
    })
    .openapi(observe, async function recordObservation(c) {
      const { id } = c.req.valid('param');
      const scope = teacherSchool(c);
      const event = await answeringConflicts(() =>
        casework.recordObservation({
          sheetId: id,
          ...(scope ?? {}),
          observation: c.req.valid('json'),
          actor: actorOf(c),
        }),
      );
      await audit(
        c,
        'sheet.observation',
        { type: 'sheet', id },
        { eventId: event.id, supportNeeded: event.data['supportNeeded'] === true },
      );
      return c.json(event, 201);
    });
}
