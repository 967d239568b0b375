import { z } from '@hono/zod-openapi';
import { isUniqueViolation } from '@mimamori/db';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import {
  idParamSchema,
  idSchema,
  jsonBody,
  jsonResponse,
  problemResponses,
} from '../schemas/common';
import {
  changeScheduleSchema,
  createScheduleSchema,
  kpiDashboardSchema,
  retentionBodySchema,
  retentionSchema,
  scheduleSchema,
  scheduleStatusSchema,
  tombstoneSchema,
} from '../schemas/kpi';

const dashboardAccess = { roles: ['family_center', 'admin'] } as const;
const admin = { roles: ['admin'] } as const;
const conflict = { 409: problemResponses[400] };

const dashboard = defineRoute(dashboardAccess, {
  method: 'get',
  path: '/kpi/dashboard',
  tags: ['kpis'],
  summary: 'Funnel, KPIs, comparison with the previous run and the funnel over time',
  request: { query: z.object({ runId: idSchema.optional() }) },
  responses: { 200: jsonResponse(kpiDashboardSchema, 'Dashboard'), ...problemResponses },
});
const schedules = defineRoute(dashboardAccess, {
  method: 'get',
  path: '/schedules',
  tags: ['schedules'],
  summary: 'Recurring judgement runs with the outcome of their last run',
  responses: {
    200: jsonResponse(z.array(scheduleStatusSchema), 'Schedules'),
    ...problemResponses,
  },
});
const addSchedule = defineRoute(dashboardAccess, {
  method: 'post',
  path: '/schedules',
  tags: ['schedules'],
  summary: 'Add a schedule (cron, Asia/Tokyo)',
  request: { body: jsonBody(createScheduleSchema) },
  responses: { 201: jsonResponse(scheduleSchema, 'Added'), ...problemResponses, ...conflict },
});
const changeSchedule = defineRoute(dashboardAccess, {
  method: 'put',
  path: '/schedules/{id}',
  tags: ['schedules'],
  summary: 'Change a schedule or switch it on or off',
  request: { params: idParamSchema, body: jsonBody(changeScheduleSchema) },
  responses: { 200: jsonResponse(scheduleSchema, 'Changed'), ...problemResponses },
});
const retention = defineRoute(admin, {
  method: 'get',
  path: '/retention',
  tags: ['retention'],
  summary: 'Retention period after a case closes, and the tombstones of purged children',
  responses: { 200: jsonResponse(retentionSchema, 'Retention'), ...problemResponses },
});
const setRetention = defineRoute(admin, {
  method: 'put',
  path: '/retention',
  tags: ['retention'],
  summary: 'Set the retention period (days)',
  request: { body: jsonBody(retentionBodySchema) },
  responses: { 204: { description: 'Saved' }, ...problemResponses },
});
const purge = defineRoute(admin, {
  method: 'post',
  path: '/retention/purge',
  tags: ['retention'],
  summary: 'Purge expired personal data now (leaves an audited tombstone per child)',
  responses: {
    200: jsonResponse(z.object({ purged: z.array(tombstoneSchema) }), 'Purged'),
    ...problemResponses,
  },
});

/** KPI dashboard, schedules and retention. */
export function kpiRoutes(ctx: AppContext) {
  const { casework } = ctx.deps;
  return createRouter()
    .openapi(dashboard, async function kpiDashboard(c) {
      const runId = c.req.valid('query').runId ?? (await casework.latestCompletedRunId());
      const series = await casework.computeFunnelSeries({ limit: 12 });
      if (runId === null)
        return c.json({ runId, funnel: null, kpis: null, comparison: null, series }, 200);
      const [funnel, kpis, comparison] = await Promise.all([
        casework.computeFunnel(runId),
        casework.computeKpis(runId),
        casework.compareRuns({ toRunId: runId }),
      ]);
      return c.json({ runId, funnel, kpis, comparison, series }, 200);
    })
    .openapi(schedules, async function listSchedules(c) {
      return c.json(await casework.listScheduleStatus(), 200);
    })
    .openapi(addSchedule, async function addSchedule(c) {
      const { id, cron, enabled } = c.req.valid('json');
      const added = await casework
        .addSchedule({ id, cron, now: ctx.now(), ...(enabled === undefined ? {} : { enabled }) })
        .catch(function duplicate(error: unknown) {
          if (!isUniqueViolation(error)) throw error;
          throw new ApiError(409, 'duplicate', 'A schedule with that id exists.', { cause: error });
        });
      await audit(c, 'schedule.change', { type: 'schedule', id }, { cron, enabled: added.enabled });
      return c.json(added, 201);
    })
    .openapi(changeSchedule, async function changeSchedule(c) {
      const { id } = c.req.valid('param');
      const { cron, enabled } = c.req.valid('json');
      const changed = await casework.changeSchedule({
        id,
        now: ctx.now(),
        ...(cron === undefined ? {} : { cron }),
        ...(enabled === undefined ? {} : { enabled }),
      });
      await audit(
        c,
        'schedule.change',
        { type: 'schedule', id },
        { cron: changed.cron, enabled: changed.enabled },
      );
      return c.json(changed, 200);
    })
    .openapi(retention, async function getRetention(c) {
      const [retentionDays, tombstones] = await Promise.all([
        casework.getRetentionDays(),
        casework.listTombstones(),
      ]);
      return c.json({ retentionDays, tombstones }, 200);
    })
    .openapi(setRetention, async function setRetention(c) {
      const { retentionDays } = c.req.valid('json');
      await casework.setRetentionDays(retentionDays);
      await audit(c, 'retention.settings', null, { retentionDays });
      return c.body(null, 204);
    })
    .openapi(purge, async function purgeNow(c) {
      const result = await casework.purgeExpired({
        now: ctx.now(),
        actorId: c.get('user')?.id ?? null,
      });
      await audit(c, 'retention.purge.request', null, { purged: result.purged.length });
      return c.json(result, 200);
    });
}
