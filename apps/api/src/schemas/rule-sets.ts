import { z } from '@hono/zod-openapi';

/** Deepest nesting of objects and arrays a rule-set document may have (real ones stay under 10). */
export const maxDocumentDepth = 64;

/**
 * True when no object or array in `value` lies more than `max` levels deep. Iterative, so a
 * hostile document cannot overflow the stack here (later recursive steps, such as
 * `JSON.stringify` when storing, only ever see bounded documents).
 */
function nestsWithin(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return true;
}

/** A rule-set document as JSON (the engine validates its shape; the API bounds its size). */
export const ruleSetDocumentSchema = z
  .record(z.string(), z.unknown())
  .refine((document) => nestsWithin(document, maxDocumentDepth), {
    error: `The document nests deeper than ${maxDocumentDepth} levels.`,
  })
  .openapi('RuleSetDocument', { description: 'Rule-set document (see @mimamori/engine schema)' });
/** One rule-set document, not yet validated. */
export type RuleSetDocumentJson = z.infer<typeof ruleSetDocumentSchema>;

/** A draft in a rule set's list. */
export const draftSummarySchema = z.object({
  draftId: z.string(),
  updatedAt: z.string().optional(),
  author: z.string().optional(),
  note: z.string().optional(),
});
/** A request to publish a draft (or roll back), and the second person's decision. */
export const approvalRequestSchema = z
  .object({
    id: z.string(),
    draftId: z.string(),
    kind: z.enum(['publish', 'rollback']),
    /** The version a rollback copies; null for a publish. */
    fromVersion: z.number().int().nullable(),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
    note: z.string(),
    requestedBy: z.string(),
    /** The requester's username; null for removed accounts. */
    requestedByName: z.string().nullable().optional(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable().optional(),
    decidedAt: z.string().nullable(),
    /** Why it was rejected (shown to the requester). */
    reason: z.string().nullable(),
  })
  .openapi('ApprovalRequest');
/** One approval request. */
export type ApprovalRequestJson = z.infer<typeof approvalRequestSchema>;

/** A rule set with its published version and drafts. */
export const ruleSetSummarySchema = z
  .object({
    id: z.string(),
    /** The rule set's title in both languages (the UI shows the reader's). */
    title: z.object({ ja: z.string(), en: z.string() }),
    current: z.object({ version: z.number().int(), publishedAt: z.string() }).nullable(),
    drafts: z.array(draftSummarySchema),
    /** Publishing needs a second person's approval. */
    approvalRequired: z.boolean(),
    /** Each draft's open request: pending, or the last rejection with its reason. */
    approvals: z.array(approvalRequestSchema),
  })
  .openapi('RuleSetSummary');
/** One rule-set summary. */
export type RuleSetSummary = z.infer<typeof ruleSetSummarySchema>;

/** A published version in the history. */
export const versionSummarySchema = z
  .object({
    version: z.number().int(),
    publishedAt: z.string(),
    publishedBy: z.string().optional(),
    /** The publisher's username; null for system actions and removed accounts. */
    publishedByName: z.string().nullable().optional(),
    /** Who approved the publish (rule sets that require a second person). */
    approvedBy: z.string().optional(),
    approvedByName: z.string().nullable().optional(),
    note: z.string().optional(),
  })
  .openapi('VersionSummary');
/** One version summary. */
export type VersionSummary = z.infer<typeof versionSummarySchema>;

/** A document response. */
export const documentResponseSchema = z.object({ document: ruleSetDocumentSchema });
/** `{ document }` request body for drafts. */
export const documentBodySchema = z
  .object({ document: ruleSetDocumentSchema })
  .openapi('DraftRequest');

/** One validation error at a JSON pointer. */
export const validationErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  messageJa: z.string(),
});
/** Result of validating a draft. */
export const validationResultSchema = z
  .object({ ok: z.boolean(), errors: z.array(validationErrorSchema) })
  .openapi('ValidationResult');
/** One validation result. */
export type ValidationResult = z.infer<typeof validationResultSchema>;

/** Result of one rule test case. */
export const testCaseResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  diff: z.unknown(),
});
/** One test case result. */
export type TestCaseResult = z.infer<typeof testCaseResultSchema>;

/** POST …/publish body. */
export const publishBodySchema = z
  .object({ note: z.string().min(1).max(2000) })
  .openapi('PublishRequest');
/** PUT …/settings body and answer. */
export const ruleSetSettingsSchema = z
  .object({ approvalRequired: z.boolean() })
  .openapi('RuleSetSettings');
/** POST …/reject body: the reason the requester reads. */
export const rejectBodySchema = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .openapi('RejectRequest');

/** POST …/rollback body. */
export const rollbackBodySchema = z
  .object({ version: z.number().int().min(1), note: z.string().min(1).max(2000) })
  .openapi('RollbackRequest');

/** A field that changed between two versions: in words, with the exact path for auditors. */
const fieldChangeSchema = z.object({
  field: z
    .string()
    .openapi({ description: 'The field in words (点数, 条件を追加（すべて › 2番目）)' }),
  path: z.string().openapi({ description: 'Exact dotted path in the rule (conditions.all[1])' }),
  from: z.string().nullable().openapi({ description: 'Old value in words; null when added' }),
  to: z.string().nullable().openapi({ description: 'New value in words; null when removed' }),
});
const ruleRefSchema = z.object({ id: z.string(), name: z.string().nullable() });
/** Readable diff between two versions. */
export const ruleSetDiffSchema = z
  .object({
    rules: z.object({
      added: z.array(ruleRefSchema),
      removed: z.array(ruleRefSchema),
      changed: z.array(ruleRefSchema.extend({ changes: z.array(fieldChangeSchema) })),
    }),
    thresholds: z.array(
      z.object({
        type: z.string(),
        level: z.string(),
        typeLabel: z.string(),
        levelLabel: z.string(),
        from: z.number().nullable(),
        to: z.number().nullable(),
      }),
    ),
  })
  .openapi('RuleSetDiff');
/** One diff. */
export type RuleSetDiff = z.infer<typeof ruleSetDiffSchema>;
