import { z } from '@hono/zod-openapi';

/** A child's score and level for one difficulty type. */
export const levelEntrySchema = z.object({ points: z.number(), level: z.string().nullable() });

/** Pseudonymous child: no names, no dates of birth, no addresses. */
export const childSummarySchema = z
  .object({
    id: z.string(),
    school: z.string().nullable(),
    grade: z.number().int().nullable(),
    age: z.number().int(),
    sex: z.union([z.literal(1), z.literal(2)]).nullable(),
    levels: z.record(z.string(), levelEntrySchema),
  })
  .openapi('ChildSummary');
/** One pseudonymous child. */
export type ChildSummary = z.infer<typeof childSummarySchema>;

/** A child with its merged, non-identifying facts. */
export const childDetailSchema = childSummarySchema
  .extend({ facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])) })
  .openapi('ChildDetail');
/** One child with facts. */
export type ChildDetail = z.infer<typeof childDetailSchema>;

/** GET /children query. */
export const childFilterSchema = z.object({
  school: z.string().max(32).optional(),
  grade: z.coerce.number().int().min(1).max(9).optional(),
  level: z.string().max(32).optional(),
  type: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** One rule as evaluated for a child, with its condition tree (`ExplainedNode`). */
export const explainedRuleSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  type: z.string(),
  points: z.number(),
  fired: z.boolean(),
  explanation: z.string(),
  conditions: z.unknown().openapi({
    description:
      'ExplainedNode tree: groups {kind,result,children} and leaves {fact,label,value,operator,expected,result,skipped}',
  }),
});
/** Why a child scored what it scored. */
export const childExplanationSchema = z
  .object({
    childId: z.string(),
    runId: z.string().optional(),
    rules: z.array(explainedRuleSchema),
  })
  .openapi('ChildExplanation');
/** One explanation. */
export type ChildExplanation = z.infer<typeof childExplanationSchema>;

/** Personal data of a child (family center only; every read is audited). */
export const personalDataSchema = z
  .object({
    childId: z.string(),
    name: z.string(),
    kana: z.string().nullable(),
    birthDate: z.string(),
    sex: z.number().int(),
    residentNumber: z.string(),
    householdNumber: z.string().nullable(),
    /** Null when absent or hidden by a DV support measure. */
    address: z.string().nullable(),
    addressHidden: z.boolean(),
  })
  .openapi('PersonalData');
/** Personal data as stored (address not yet hidden). */
export interface PersonalRecord {
  childId: string;
  name: string;
  kana: string | null;
  birthDate: string;
  sex: number;
  residentNumber: string;
  householdNumber: string | null;
  address: string | null;
  dvSupport: boolean;
}
