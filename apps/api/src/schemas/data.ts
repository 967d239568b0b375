import { z } from '@hono/zod-openapi';

/** A column a connector reads. */
export const connectorFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
});
/** A connector with its fields and the facts it emits. */
export const connectorSummarySchema = z
  .object({
    id: z.string(),
    /** `code` (a connector package) or `mapped` (a mapping document saved by IT staff). */
    kind: z.enum(['code', 'mapped']),
    /** The connector's title in both languages (the UI shows the reader's). */
    label: z.object({ ja: z.string(), en: z.string() }),
    source: z.string(),
    version: z.string(),
    fields: z.array(connectorFieldSchema),
    facts: z.array(
      z.object({
        id: z.string(),
        label: z.object({ ja: z.string(), en: z.string() }),
        type: z.string(),
        unit: z.string().optional(),
        /** For `code` facts: the values a rule may compare against (stored form). */
        allowedValues: z.array(z.string()).optional(),
      }),
    ),
  })
  .openapi('ConnectorSummary');
/** One connector summary. */
export type ConnectorSummary = z.infer<typeof connectorSummarySchema>;

/** A problem in an uploaded file (never the cell value). */
export const importIssueSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
/** Outcome of a dry run or import. */
export const importResultSchema = z
  .object({
    ok: z.boolean(),
    issues: z.array(importIssueSchema),
    /** The pipeline's summary (absent counts when the file could not be read). */
    summary: z.looseObject({
      rows: z.number().int().optional(),
      records: z.number().int().optional(),
      batchId: z.string().optional(),
      progressId: z.string().optional(),
      issueCount: z.number().int().optional(),
    }),
  })
  .openapi('ImportResult');
/** One import result. */
export type ImportResult = z.infer<typeof importResultSchema>;

/** Multipart upload form. */
export const importFormSchema = z
  .object({
    file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
    connector: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z][a-z0-9-]*$/),
    dryRun: z.enum(['true', 'false']).default('true'),
    /** Client-chosen id for `GET /imports/{progressId}/events` (replayed from the start). */
    progressId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .openapi('ImportForm');

/** One committed (or failed) import batch. */
export const importBatchSchema = z
  .object({
    id: z.string(),
    connector: z.string(),
    file: z.string(),
    status: z.string(),
    rows: z.number().int(),
    issues: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().optional(),
  })
  .openapi('ImportBatch');
/** One batch. */
export type ImportBatch = z.infer<typeof importBatchSchema>;
/** A batch with its row issues. */
export const importBatchDetailSchema = importBatchSchema
  .extend({ rowIssues: z.array(importIssueSchema), summary: z.record(z.string(), z.unknown()) })
  .openapi('ImportBatchDetail');
/** One batch with issues. */
export type ImportBatchDetail = z.infer<typeof importBatchDetailSchema>;

/** Progress of an import (SSE `progress` event data). */
export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

/** A 外字 table entry. */
export const gaijiEntrySchema = z
  .object({
    code: z.string().min(1).max(32),
    standard: z.string().min(1).max(16),
    note: z.string().max(500).optional(),
  })
  .openapi('GaijiEntry');
/** One 外字 entry. */
export type GaijiEntry = z.infer<typeof gaijiEntrySchema>;

/**
 * The identity fields staff compare to decide a link (personal data: IT staff who review
 * linkage only; every read is audited with ids only).
 */
export const linkageIdentitySchema = z
  .object({
    name: z.string().nullable(),
    kana: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.union([z.literal(1), z.literal(2)]).nullable(),
  })
  .openapi('LinkageIdentity');
/** A candidate child for a record awaiting review, with what the roster says of them. */
export const linkageCandidateSchema = z.object({
  childId: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  person: linkageIdentitySchema.nullable(),
});
/** A record the linker could not place with confidence, with the identity it carried. */
export const linkageReviewItemSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    batchId: z.string().optional(),
    file: z.string().optional(),
    line: z.number().int().optional(),
    reasons: z.array(z.string()),
    identity: linkageIdentitySchema,
    candidates: z.array(linkageCandidateSchema),
  })
  .openapi('LinkageReviewItem');
/** One review item. */
export type LinkageReviewItem = z.infer<typeof linkageReviewItemSchema>;
/** A stored staff decision, with the newest record it covers. */
export const linkageDecisionRecordSchema = z
  .object({
    identityKey: z.string(),
    decision: z.enum(['match', 'new', 'reject']),
    childId: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: z.string(),
    note: z.string().nullable(),
    records: z.number().int(),
    latest: z
      .object({
        id: z.string(),
        source: z.string(),
        file: z.string(),
        line: z.number().int(),
        identity: linkageIdentitySchema,
      })
      .nullable(),
  })
  .openapi('LinkageDecisionRecord');
/** One stored decision. */
export type LinkageDecisionRecord = z.infer<typeof linkageDecisionRecordSchema>;
/** `/{identityKey}` path parameter: the hashed identity key a decision is stored under. */
export const identityKeyParamSchema = z.object({
  identityKey: z
    .string()
    .regex(/^k_[0-9a-f]{32}$/, 'expected an identity key (k_ and 32 hex digits)')
    .openapi({ param: { name: 'identityKey', in: 'path' } }),
});
/** A staff decision on a review item. */
export const linkageDecisionSchema = z
  .object({
    decision: z.enum(['match', 'new', 'reject']),
    childId: z.string().min(1).max(64).optional(),
    note: z.string().max(500).optional(),
  })
  .openapi('LinkageDecision');
/** One decision. */
export type LinkageDecision = z.infer<typeof linkageDecisionSchema>;

/** An audit log entry. */
export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    actorRole: z.string().nullable().optional(),
    action: z.string(),
    target: z.string().optional(),
    address: z.string().optional(),
    detail: z.unknown().optional(),
  })
  .openapi('AuditEntry');
/** An audit entry as GET /audit answers it: with the actor's username (null for the system). */
export const auditEntryViewSchema = auditEntrySchema
  .extend({ actorName: z.string().nullable() })
  .openapi('AuditEntryView');
/** One audit entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** A bound of the audit filter: a date (the whole day) or a UTC timestamp, as the log stores them. */
const auditBoundSchema = z.union([z.iso.date(), z.iso.datetime()]);
/** GET /audit query. */
export const auditQuerySchema = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: auditBoundSchema.optional(),
  to: auditBoundSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
