import { z } from '@hono/zod-openapi';
import { ruleSetDocumentSchema } from './rule-sets';

/** `{ [type]: { [level]: n } }` */
const levelMapSchema = z.record(z.string().max(64), z.record(z.string().max(64), z.number()));

/** POST /preview body: a draft, a document or moved thresholds, against the published version. */
export const previewRequestSchema = z
  .object({
    ruleSetId: z.string().min(1).max(64),
    draftId: z.string().min(1).max(64).optional(),
    document: ruleSetDocumentSchema.optional(),
    levels: levelMapSchema.optional(),
  })
  .openapi('PreviewRequest');
/** One preview request. */
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

const childMoveSchema = z.object({
  childId: z.string(),
  school: z.string(),
  grade: z.number().int().nullable(),
  type: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reasons: z.array(z.string()),
});
const disparityRowSchema = z.object({
  group: z.string(),
  total: z.number(),
  before: z.number(),
  after: z.number(),
});

/** Before/after of a change over every child. */
export const previewResultSchema = z
  .object({
    before: z.object({ counts: levelMapSchema }),
    after: z.object({ counts: levelMapSchema }),
    /** Children reaching a higher level (at most 500; `enteredTotal` counts all). */
    entered: z.array(childMoveSchema),
    left: z.array(childMoveSchema),
    enteredTotal: z.number().int(),
    leftTotal: z.number().int(),
    ruleHits: z.array(z.object({ ruleId: z.string(), before: z.number(), after: z.number() })),
    distribution: z.record(z.string(), z.object({ points: z.array(z.number()) })),
    sweep: z.record(z.string(), z.array(z.object({ minPoints: z.number(), flagged: z.number() }))),
    disparity: z.object({
      bySchool: z.array(disparityRowSchema),
      byGrade: z.array(disparityRowSchema),
      bySex: z.array(disparityRowSchema),
      byAge: z.array(disparityRowSchema),
    }),
  })
  .openapi('PreviewResult');
/** One preview result. */
export type PreviewResult = z.infer<typeof previewResultSchema>;
