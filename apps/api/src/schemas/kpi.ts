import { z } from '@hono/zod-openapi';
import { agencies, overrideReasonCodes } from '@mimamori/casework';

const counts = {
  judged: z.number(),
  flagged: z.number(),
  flaggedByEngine: z.number(),
  watched: z.number(),
  shared: z.number(),
  preventiveSupport: z.number(),
  continuedWatch: z.number(),
  closed: z.number(),
};

/** A run's funnel: judged → flagged → watched → preventive support / continued watch. */
export const funnelSchema = z
  .object({
    runId: z.string(),
    asOf: z.string(),
    ...counts,
    bySchool: z.array(z.object({ school: z.string(), ...counts })),
    byType: z.array(z.object({ type: z.string(), ...counts })),
  })
  .openapi('Funnel');

const contacts = {
  observations: z.number(),
  notifications: z.number(),
  shares: z.number(),
  total: z.number(),
};

/** Children connected to support, contacts between schools and the center, overrides. */
export const kpisSchema = z
  .object({
    runId: z.string(),
    watched: z.number(),
    connectedToSupport: z.number(),
    connectedShare: z.number(),
    /** Every agency, zero when none. */
    referralsByAgency: z.record(z.enum(agencies), z.number()),
    contacts: z.object(contacts),
    contactsBySchool: z.array(z.object({ school: z.string(), ...contacts })),
    overrides: z.object({
      total: z.number(),
      raised: z.number(),
      lowered: z.number(),
      reviewed: z.number(),
      pendingReview: z.number(),
      /** Every reason code (and `other`), zero when none. */
      byReason: z.record(z.enum([...overrideReasonCodes, 'other']), z.number()),
    }),
  })
  .openapi('Kpis');

/** New, continuing and resolved flags between two consecutive runs. */
export const runComparisonSchema = z
  .object({
    fromRunId: z.string().nullable(),
    toRunId: z.string(),
    newlyFlagged: z.array(z.string()),
    continuing: z.array(z.string()),
    resolved: z.array(z.string()),
  })
  .openapi('RunComparison');

/** GET /kpi/dashboard: everything the dashboard charts (nulls when no run has completed). */
export const kpiDashboardSchema = z
  .object({
    runId: z.string().nullable(),
    funnel: funnelSchema.nullable(),
    kpis: kpisSchema.nullable(),
    comparison: runComparisonSchema.nullable(),
    series: z.array(funnelSchema),
  })
  .openapi('KpiDashboard');

/** A recurring judgement run. */
export const scheduleSchema = z
  .object({
    id: z.string(),
    cron: z.string(),
    enabled: z.boolean(),
    lastFiredAt: z.string().nullable(),
    nextDueAt: z.string().nullable(),
  })
  .openapi('Schedule');

/** A schedule with the outcome of the last run it started. */
export const scheduleStatusSchema = scheduleSchema
  .extend({
    lastRun: z
      .object({
        id: z.string(),
        status: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('ScheduleStatus');

const cron = z.string().trim().min(9).max(100);

/** POST /schedules body. */
export const createScheduleSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id'),
    cron,
    enabled: z.boolean().optional(),
  })
  .openapi('CreateSchedule');

/** PUT /schedules/{id} body. */
export const changeScheduleSchema = z
  .object({ cron: cron.optional(), enabled: z.boolean().optional() })
  .openapi('ChangeSchedule');

/** What a purge left behind (no personal data). */
export const tombstoneSchema = z
  .object({
    childId: z.string(),
    purgedAt: z.string(),
    retentionDays: z.number(),
    closedBefore: z.string(),
    caseIds: z.array(z.string()),
    removed: z.object({
      persons: z.number(),
      identities: z.number(),
      sheets: z.number(),
      events: z.number(),
      overrideNotes: z.number(),
    }),
  })
  .openapi('Tombstone');

/** GET /retention. */
export const retentionSchema = z
  .object({ retentionDays: z.number().int(), tombstones: z.array(tombstoneSchema) })
  .openapi('Retention');

/** PUT /retention body. */
export const retentionBodySchema = z
  .object({ retentionDays: z.number().int().min(1).max(36_500) })
  .openapi('RetentionDays');
