import { z } from '@hono/zod-openapi';

/** `{ [type]: { [level]: n } }` */
export const levelCountsSchema = z.record(z.string(), z.record(z.string(), z.number()));

/** A judgement run with progress. */
export const runSummarySchema = z
  .object({
    id: z.string(),
    ruleSetId: z.string(),
    version: z.number().int(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().min(0).max(1),
    startedAt: z.string(),
    finishedAt: z.string().nullable().optional(),
    /** Children per difficulty type and level. */
    counts: levelCountsSchema.optional(),
    /** Children judged, and flagged at any level of any type. */
    judged: z.number().int().optional(),
    flagged: z.number().int().optional(),
  })
  .openapi('RunSummary');
/** One run. */
export type RunSummary = z.infer<typeof runSummarySchema>;

/** POST /runs body. */
export const startRunSchema = z
  .object({ ruleSetId: z.string().min(1).max(64), version: z.number().int().min(1).optional() })
  .openapi('StartRun');

/** One child's result in a run. */
export const runResultSchema = z.object({
  childId: z.string(),
  school: z.string().nullable(),
  grade: z.number().int().nullable(),
  type: z.string(),
  points: z.number(),
  level: z.string().nullable(),
  outsideSchoolPoints: z.number(),
  rankSchool: z.number().int().nullable(),
});
/** One run result row. */
export type RunResult = z.infer<typeof runResultSchema>;

/** GET /runs/{id}/results query. */
export const runResultsQuerySchema = z.object({
  type: z.string().max(32).optional(),
  level: z.string().max(32).optional(),
  school: z.string().max(32).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
