import { z } from '@hono/zod-openapi';
import { agencies, overrideReasonCodes } from '@mimamori/casework';
import { caseEventKinds, caseStatuses } from '@mimamori/db';
import { idSchema } from './common';
import { schoolSchema } from './users';

/**
 * Decisions of the family center, by the status they leave the case in (見守り継続 / 予防的支援 /
 * ケース会議 / 関係機関へ接続 / 終結): one vocabulary for the UI, the database and the KPIs.
 */
export const caseStatusSchema = z.enum(caseStatuses).openapi('CaseStatus');

const day = z.iso.date();

/** A support case for one child. */
export const caseSchema = z
  .object({
    id: z.string(),
    childId: z.string(),
    status: caseStatusSchema,
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    runId: z.string().nullable(),
  })
  .openapi('Case');

/** Something that happened in a case (decision, meeting, observation, note, share, override). */
export const caseEventSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.enum(caseEventKinds),
    data: z.record(z.string(), z.unknown()),
    actorId: z.string().nullable(),
    /** The actor's username (case history only); null for the system or a removed account. */
    actorName: z.string().nullable().optional(),
    at: z.string(),
  })
  .openapi('CaseEvent');

/**
 * POST /cases/{id}/decisions body (casework's `decisionInputSchema`, restated for the OpenAPI
 * document; casework parses it again, and refuses a `decidedOn` later than today by the app's
 * clock). `agency` is required for `referred` and refused otherwise, `agencyNote` for `other`.
 */
export const caseDecisionSchema = z
  .object({
    status: caseStatusSchema,
    reason: z.string().trim().min(1).max(2000),
    decidedOn: day.optional(),
    agency: z.enum(agencies).optional(),
    agencyNote: z.string().max(200).optional(),
    expectedStatus: caseStatusSchema.optional().openapi({
      description:
        'The status the decider last saw. When the case is in another status now (someone ' +
        'decided meanwhile) the decision is refused with 409 `stale_case`.',
    }),
  })
  .superRefine(function referralNamesAgency(value, ctx) {
    if (value.status === 'referred' && value.agency === undefined)
      ctx.addIssue({ code: 'custom', path: ['agency'], message: 'a referral names the agency' });
    if (value.agency === 'other' && !value.agencyNote)
      ctx.addIssue({ code: 'custom', path: ['agencyNote'], message: 'name the other agency' });
    for (const key of ['agency', 'agencyNote'] as const) {
      if (value.status !== 'referred' && value[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'only a referral names an agency' });
    }
  })
  .openapi('CaseDecision');

/** POST /cases/{id}/meetings body (ケース会議). */
export const meetingSchema = z
  .object({
    heldOn: day,
    attendees: z.array(z.string().trim().min(1).max(100)).min(1).max(30),
    summary: z.string().trim().min(1).max(4000),
    actions: z.string().max(4000).optional(),
    nextReviewOn: day.nullable().optional(),
  })
  .openapi('CaseMeeting');

/** GET /cases query: `status` is a comma-separated list of statuses. */
export const caseQuerySchema = z.object({
  status: z
    .string()
    .max(200)
    .regex(/^[a-z_,]*$/, 'expected statuses separated by commas')
    .optional()
    .openapi({ example: 'watch,referred' }),
  runId: idSchema.optional(),
  childId: idSchema.optional(),
});

const notes = z.object({
  educationBoard: z.string(),
  principal: z.string(),
  schoolNurse: z.string(),
  schoolSocialWorker: z.string(),
  summary: z.string(),
  meetingDate: z.string().nullable(),
});

/** こども情報管理シート: matched items with explanations and sources, scores, meeting notes. */
export const sheetSchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    childId: z.string(),
    sharedSchool: z.string().nullable(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    content: z.object({
      version: z.literal(1),
      school: z.string().nullable(),
      grade: z.number().nullable(),
      asOf: z.string(),
      scores: z.array(
        z.object({
          type: z.string(),
          typeLabel: z.string(),
          points: z.number(),
          level: z.string().nullable(),
          outsideSchoolPoints: z.number(),
          rankSchool: z.number().nullable(),
          rankGrade: z.number().nullable(),
        }),
      ),
      items: z.array(
        z.object({
          ruleId: z.string(),
          type: z.string(),
          points: z.number(),
          text: z.string(),
          rationale: z.string(),
          sources: z.array(
            z.object({
              fact: z.string(),
              label: z.string(),
              source: z.string(),
              outsideSchool: z.boolean(),
            }),
          ),
        }),
      ),
      notes,
      sharedAt: z.string().nullable(),
      sharedBy: z.string().nullable(),
      purged: z.boolean(),
    }),
  })
  .openapi('Sheet');

/** GET /cases/{id}: the case, its append-only history and the child's sheets. */
export const caseHistorySchema = caseSchema
  .extend({ events: z.array(caseEventSchema), sheets: z.array(sheetSchema) })
  .openapi('CaseHistory');

/** POST /sheets body. */
export const createSheetSchema = z
  .object({ runId: idSchema, childId: idSchema })
  .openapi('CreateSheet');

/**
 * PUT /sheets/{id}/notes body: any subset of the review-meeting notes, and the sheet's
 * `updatedAt` as the editor last saw it.
 */
export const sheetNotesSchema = z
  .object({
    educationBoard: z.string().max(4000).optional(),
    principal: z.string().max(4000).optional(),
    schoolNurse: z.string().max(4000).optional(),
    schoolSocialWorker: z.string().max(4000).optional(),
    summary: z.string().max(4000).optional(),
    meetingDate: day.nullable().optional(),
    expectedUpdatedAt: z
      .string()
      .max(40)
      .optional()
      .openapi({
        description:
          "The sheet's `updatedAt` as the editor last saw it (optimistic concurrency). When " +
          'the sheet changed since (notes saved or shared by someone else), nothing is saved ' +
          'and the answer is 409 `stale_sheet`: reload and apply the change again. Without it ' +
          'the given fields are merged into the stored notes.',
      }),
  })
  .openapi('SheetNotesPatch');

/** POST /sheets/{id}/share body: the school (default: the child's school or nursery). */
export const shareSheetSchema = z.object({ school: schoolSchema.optional() }).openapi('ShareSheet');

/** POST /sheets/{id}/observations body (teacher, after 声掛け・見守り). */
export const observationSchema = z
  .object({
    text: z.string().trim().min(1).max(4000),
    supportNeeded: z.boolean(),
    observedOn: day.optional(),
  })
  .openapi('Observation');

/** A human override of a level, with the direction it moved. */
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
    reviewedAt: z.string().nullable(),
  })
  .openapi('Override');

/** An override with its direction. */
export const levelOverrideSchema = overrideSchema
  .extend({ direction: z.enum(['raise', 'lower', 'same']) })
  .openapi('LevelOverride');

/** POST /overrides body. */
export const createOverrideSchema = z
  .object({
    runId: idSchema,
    childId: idSchema,
    type: z.string().min(1).max(32),
    toLevel: z.string().min(1).max(32).nullable(),
    reasonCode: z.enum(overrideReasonCodes),
    note: z.string().trim().min(1).max(2000),
  })
  .openapi('CreateOverride');

/** A level of a difficulty type as the run's rule set defines it. */
export const ruleSetLevelSchema = z
  .object({
    id: z.string(),
    /** `null` when the stored rule-set document names no label. */
    label: z.object({ ja: z.string(), en: z.string().optional() }).nullable(),
  })
  .openapi('RuleSetLevel');

/** GET /sheets/{id}: the sheet with its overrides, case and observations. */
export const sheetDetailSchema = z
  .object({
    sheet: sheetSchema,
    overrides: z.array(levelOverrideSchema),
    caseId: z.string().nullable(),
    observations: z.array(caseEventSchema),
    levels: z
      .record(z.string(), z.array(ruleSetLevelSchema))
      .optional()
      .openapi({
        description:
          "The levels the run's rule set defines, per difficulty type, lowest first: the levels " +
          'an override of this sheet may set (besides `null`, no level).',
      }),
  })
  .openapi('SheetDetail');

/** A teacher's "support seems needed" observation, for the center. */
export const notificationSchema = z
  .object({
    eventId: z.string(),
    caseId: z.string(),
    childId: z.string(),
    sheetId: z.string().nullable(),
    school: z.string().nullable(),
    observedOn: z.string().nullable(),
    at: z.string(),
    actorId: z.string().nullable(),
    read: z.boolean(),
    readBy: z.string().nullable(),
  })
  .openapi('Notification');

/** A flagged child of a run: the center's work list. */
export const flaggedChildSchema = z
  .object({
    childId: z.string(),
    school: z.string().nullable(),
    grade: z.number().nullable(),
    types: z.array(
      z.object({
        type: z.string(),
        points: z.number(),
        outsideSchoolPoints: z.number(),
        rankSchool: z.number().nullable(),
        rankGrade: z.number().nullable(),
        level: z.string().nullable(),
        effectiveLevel: z.string().nullable(),
      }),
    ),
    sheetId: z.string().nullable(),
    caseId: z.string().nullable(),
    caseStatus: caseStatusSchema.nullable(),
  })
  .openapi('FlaggedChild');
