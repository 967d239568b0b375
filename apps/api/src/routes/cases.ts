import { z } from '@hono/zod-openapi';
import { caseStatuses, type CaseStatus } from '@mimamori/db';
import { defineRoute } from '../access';
import { actorOf, audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { answeringConflicts } from './casework-problems';
import {
  caseDecisionSchema,
  caseEventSchema,
  caseHistorySchema,
  caseQuerySchema,
  caseSchema,
  createOverrideSchema,
  levelOverrideSchema,
  meetingSchema,
  notificationSchema,
  overrideSchema,
} from '../schemas/cases';
import {
  idParamSchema,
  idSchema,
  jsonBody,
  jsonResponse,
  problemResponses,
} from '../schemas/common';
import { usernamesOf } from './audit';

const center = { roles: ['family_center'] } as const;
const conflict = { 409: problemResponses[400] };

const list = defineRoute(center, {
  method: 'get',
  path: '/cases',
  tags: ['cases'],
  summary: 'Support cases, filtered by status (comma-separated), run or child',
  request: { query: caseQuerySchema },
  responses: { 200: jsonResponse(z.array(caseSchema), 'Cases'), ...problemResponses },
});
const get = defineRoute(center, {
  method: 'get',
  path: '/cases/{id}',
  tags: ['cases'],
  summary: "One case with its full history and the child's sheets",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(caseHistorySchema, 'Case'), ...problemResponses },
});
const decide = defineRoute(center, {
  method: 'post',
  path: '/cases/{id}/decisions',
  tags: ['cases'],
  summary: 'Decide: 見守り継続 / 予防的支援 / ケース会議 / 関係機関へ接続 (agency) / 終結',
  description:
    'Answers the case and the decision event this call appended. A closed case takes no ' +
    'decision (409 `invalid_state`: reopening is not supported); with `expectedStatus`, a ' +
    'case decided on meanwhile answers 409 `stale_case`. `decidedOn` (default: today, ' +
    'Asia/Tokyo) may not be later than today.',
  request: { params: idParamSchema, body: jsonBody(caseDecisionSchema) },
  responses: {
    201: jsonResponse(z.object({ case: caseSchema, event: caseEventSchema }), 'Decided'),
    ...problemResponses,
    ...conflict,
  },
});
const meet = defineRoute(center, {
  method: 'post',
  path: '/cases/{id}/meetings',
  tags: ['cases'],
  summary: 'Record a case meeting (ケース会議)',
  request: { params: idParamSchema, body: jsonBody(meetingSchema) },
  responses: { 201: jsonResponse(caseEventSchema, 'Recorded'), ...problemResponses, ...conflict },
});
const overrides = defineRoute(center, {
  method: 'get',
  path: '/overrides',
  tags: ['overrides'],
  summary: 'Human overrides of levels, with their direction',
  request: { query: z.object({ runId: idSchema.optional(), childId: idSchema.optional() }) },
  responses: { 200: jsonResponse(z.array(levelOverrideSchema), 'Overrides'), ...problemResponses },
});
const override = defineRoute(center, {
  method: 'post',
  path: '/overrides',
  tags: ['overrides'],
  summary: "Raise or lower a child's level with a reason code and note",
  request: { body: jsonBody(createOverrideSchema) },
  responses: {
    201: jsonResponse(levelOverrideSchema, 'Recorded'),
    ...problemResponses,
    422: { ...problemResponses[400], description: "A type or level not in the run's rule set" },
  },
});
const review = defineRoute(center, {
  method: 'post',
  path: '/overrides/{id}/review',
  tags: ['overrides'],
  summary: 'Second-person review of an override (never by its author)',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(overrideSchema, 'Reviewed'), ...problemResponses, ...conflict },
});
const notifications = defineRoute(center, {
  method: 'get',
  path: '/notifications',
  tags: ['notifications'],
  summary: 'Teachers\u2019 "support seems needed" observations, newest first',
  request: { query: z.object({ unread: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: jsonResponse(z.array(notificationSchema), 'Notifications'),
    ...problemResponses,
  },
});
const read = defineRoute(center, {
  method: 'post',
  path: '/notifications/{eventId}/read',
  tags: ['notifications'],
  summary: 'Mark a notification read',
  request: {
    params: z.object({ eventId: idSchema.openapi({ param: { name: 'eventId', in: 'path' } }) }),
  },
  responses: { 204: { description: 'Read' }, ...problemResponses },
});

function statusesOf(text: string | undefined): CaseStatus[] {
  if (text === undefined || text === '') return [];
  const parts = text.split(',').filter((s) => s !== '');
  const known = parts.filter((s): s is CaseStatus =>
    (caseStatuses as readonly string[]).includes(s),
  );
  if (known.length !== parts.length) {
    throw new ApiError(400, 'validation_failed', 'Unknown case status.', {
      errors: [{ path: '/status', message: `expected any of ${caseStatuses.join(', ')}` }],
    });
  }
  return known;
}

/** Cases, decisions and meetings; overrides and their review; notifications (family center). */
export function caseRoutes(ctx: AppContext) {
  const { casework } = ctx.deps;
  return createRouter()
    .openapi(list, async function listCases(c) {
      const { status, runId, childId } = c.req.valid('query');
      const cases = await casework.listCasesByStatus({
        statuses: statusesOf(status),
        ...(runId === undefined ? {} : { runId }),
        ...(childId === undefined ? {} : { childId }),
      });
      await audit(
        c,
        'case.list',
        { type: 'case', id: null },
        { ids: cases.map((k) => k.id), childIds: [...new Set(cases.map((k) => k.childId))] },
      );
      return c.json(cases, 200);
    })
    .openapi(get, async function getCase(c) {
      const { id } = c.req.valid('param');
      const history = await casework.getCaseHistory(id);
      if (history === undefined) throw new ApiError(404, 'not_found', 'No such case.');
      const sheets = await casework.listSheets({ childId: history.childId });
      await audit(c, 'case.read', { type: 'case', id }, { childId: history.childId });
      // Who did it, as people know each other: the username beside the id.
      const names = await usernamesOf(
        ctx.deps.users,
        history.events.map((e) => e.actorId ?? undefined),
      );
      const events = history.events.map((e) => ({
        ...e,
        actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null),
      }));
      return c.json({ ...history, events, sheets }, 200);
    })
    .openapi(decide, async function decideCase(c) {
      const { id } = c.req.valid('param');
      const decision = c.req.valid('json');
      const decided = await answeringConflicts(
        () => casework.decide({ caseId: id, decision, actor: actorOf(c), now: ctx.now() }),
        { invalidState: 'The case is closed: reopening a closed case is not supported.' },
      );
      await audit(
        c,
        'case.decision',
        { type: 'case', id },
        {
          status: decision.status,
          eventId: decided.event.id,
          ...(decision.agency === undefined ? {} : { agency: decision.agency }),
        },
      );
      return c.json(decided, 201);
    })
    .openapi(meet, async function recordMeeting(c) {
      const { id } = c.req.valid('param');
      const event = await casework.recordCaseMeeting({
        caseId: id,
        meeting: c.req.valid('json'),
        actor: actorOf(c),
      });
      await audit(c, 'case.meeting', { type: 'case', id }, { eventId: event.id });
      return c.json(event, 201);
    })
    .openapi(overrides, async function listOverrides(c) {
      const { runId, childId } = c.req.valid('query');
      const list = await casework.listLevelOverrides({
        ...(runId === undefined ? {} : { runId }),
        ...(childId === undefined ? {} : { childId }),
      });
      // Overrides carry staff's free-text notes: every list is audited, by id only.
      await audit(
        c,
        'override.list',
        { type: 'override', id: null },
        { ids: list.map((o) => o.id), childIds: [...new Set(list.map((o) => o.childId))] },
      );
      return c.json(list, 200);
    })
    .openapi(override, async function overrideLevel(c) {
      const body = c.req.valid('json');
      const created = await casework.overrideLevel({ override: body, actor: actorOf(c) });
      await audit(
        c,
        'override.create',
        { type: 'override', id: created.id },
        {
          runId: body.runId,
          childId: body.childId,
          type: body.type,
          direction: created.direction,
          reasonCode: body.reasonCode,
        },
      );
      return c.json(created, 201);
    })
    .openapi(review, async function reviewOverride(c) {
      const { id } = c.req.valid('param');
      const reviewed = await casework.reviewOverride({ overrideId: id, actor: actorOf(c) });
      await audit(c, 'override.review', { type: 'override', id }, { childId: reviewed.childId });
      return c.json(reviewed, 200);
    })
    .openapi(notifications, async function listNotifications(c) {
      const { unread } = c.req.valid('query');
      const list = await casework.listNotifications({ unreadOnly: unread === 'true' });
      // Teachers' reports about named children: a read of each one.
      await audit(
        c,
        'notification.list',
        { type: 'case_event', id: null },
        { ids: list.map((n) => n.eventId), childIds: [...new Set(list.map((n) => n.childId))] },
      );
      return c.json(list, 200);
    })
    .openapi(read, async function markRead(c) {
      const { eventId } = c.req.valid('param');
      await casework.markNotificationRead({ eventId, actor: actorOf(c) });
      await audit(c, 'notification.read', { type: 'case_event', id: eventId });
      return c.body(null, 204);
    });
}
