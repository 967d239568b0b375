import { z } from '@hono/zod-openapi';

/** Decisions of the family center (issue 7). */
export const caseDecisions = [
  'watch',
  'preventive_support',
  'case_meeting',
  'refer',
  'close',
] as const;

/** A support case for one child. */
export const caseSchema = z
  .object({
    id: z.string(),
    childId: z.string(),
    status: z.string(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    runId: z.string().nullable(),
  })
  .openapi('Case');
/** One case. */
export type CaseRecord = z.infer<typeof caseSchema>;

/** Something that happened in a case (decision, meeting, observation, note). */
export const caseEventSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.string(),
    data: z.record(z.string(), z.unknown()),
    actorId: z.string().nullable(),
    at: z.string(),
  })
  .openapi('CaseEvent');
/** One case event. */
export type CaseEvent = z.infer<typeof caseEventSchema>;

/** POST /cases body: open a case from a flag. */
export const createCaseSchema = z
  .object({ childId: z.string().min(1).max(64), runId: z.string().min(1).max(64).optional() })
  .openapi('CreateCase');

/** POST /cases/{id}/decisions body. */
export const caseDecisionSchema = z
  .object({
    decision: z.enum(caseDecisions),
    reason: z.string().min(1).max(2000),
    agency: z.string().max(200).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .openapi('CaseDecision');
/** One decision request. */
export type CaseDecisionInput = z.infer<typeof caseDecisionSchema>;

/** こども情報管理シート. */
export const sheetSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    childId: z.string(),
    content: z.record(z.string(), z.unknown()),
    sharedSchool: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('ChildSheet');
/** One sheet. */
export type SheetRecord = z.infer<typeof sheetSchema>;

/** POST /sheets body (family center). */
export const createSheetSchema = z
  .object({
    runId: z.string().min(1).max(64),
    childId: z.string().min(1).max(64),
    content: z.record(z.string().max(64), z.unknown()),
    sharedSchool: z.string().min(1).max(32).nullable().optional(),
  })
  .openapi('CreateSheet');

/** PUT /sheets/{id} body (family center). */
export const updateSheetSchema = z
  .object({
    content: z.record(z.string().max(64), z.unknown()),
    sharedSchool: z.string().min(1).max(32).nullable().optional(),
  })
  .openapi('UpdateSheet');

/** POST /sheets/{id}/observations body (teacher, after 声掛け・見守り). */
export const observationSchema = z
  .object({ text: z.string().min(1).max(4000), supportNeeded: z.boolean() })
  .openapi('Observation');
/** One observation. */
export type ObservationInput = z.infer<typeof observationSchema>;

/** A human override of a level. */
export const overrideSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    childId: z.string(),
    type: z.string(),
    fromLevel: z.string().nullable(),
    toLevel: z.string().nullable(),
    reasonCode: z.string(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    reviewedBy: z.string().nullable(),
  })
  .openapi('Override');
/** One override. */
export type OverrideRecord = z.infer<typeof overrideSchema>;

/** POST /overrides body. */
export const createOverrideSchema = z
  .object({
    runId: z.string().min(1).max(64),
    childId: z.string().min(1).max(64),
    type: z.string().min(1).max(32),
    toLevel: z.string().min(1).max(32).nullable(),
    reasonCode: z.string().min(1).max(32),
    note: z.string().max(2000).optional(),
  })
  .openapi('CreateOverride');
/** One override request. */
export type OverrideInput = z.infer<typeof createOverrideSchema>;
