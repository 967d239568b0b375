import { z } from '@hono/zod-openapi';

/** A problem in a mapping document, at a JSON Pointer, in English and Japanese (no cell values). */
export const mappingProblemSchema = z
  .object({ path: z.string(), code: z.string(), message: z.string(), messageJa: z.string() })
  .openapi('MappingProblem');

const issueSchema = z.object({
  line: z.number().int(),
  column: z.number().int(),
  code: z.string(),
  field: z.string().optional(),
});

/** One sample row as it would be stored: facts and context apart from personal fields. */
export const sourcePreviewRowSchema = z
  .object({
    line: z.number().int(),
    /** Non-personal facts by fact id. */
    facts: z.record(z.string(), z.unknown()),
    /** Non-identifying context (school, grade, nursery). */
    context: z.record(z.string(), z.unknown()),
    /** Which personal fields the row carries (names of fields, never their values). */
    personalFields: z.array(z.string()),
    /** How the row links to the roster (`linked` with its method, `ambiguous`, `unmatched`). */
    linkage: z
      .object({
        status: z.string(),
        method: z.string().optional(),
        confidence: z.number().optional(),
      })
      .nullable(),
    issues: z.array(issueSchema),
  })
  .openapi('SourcePreviewRow');
/** One preview row. */
export type SourcePreviewRow = z.infer<typeof sourcePreviewRowSchema>;

/** POST /sources/infer form: a sample, and optionally a name or an edited mapping to preview. */
export const inferFormSchema = z
  .object({
    file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
    name: z
      .string()
      .max(64)
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Use kebab-case, e.g. childrens-hall')
      .optional(),
    /** A mapping (JSON text) to preview instead of the inferred one. */
    mapping: z.string().max(200_000).optional(),
  })
  .openapi('InferSourceForm');

/** POST /sources/infer answer: the proposal, what staff must still fill in, and the preview. */
export const inferResultSchema = z
  .object({
    mapping: z.record(z.string(), z.unknown()),
    columns: z.array(z.record(z.string(), z.unknown())),
    problems: z.array(mappingProblemSchema),
    sample: z.record(z.string(), z.unknown()),
    preview: z.object({
      rows: z.array(sourcePreviewRowSchema),
      fileIssues: z.array(issueSchema),
      linkage: z.record(z.string(), z.number()),
    }),
  })
  .openapi('InferSourceResult');

/** POST /sources body. */
export const saveSourceSchema = z
  .object({ mapping: z.record(z.string(), z.unknown()) })
  .openapi('SaveSource');

/** POST /sources answer. */
export const savedSourceSchema = z
  .object({ name: z.string(), version: z.number().int() })
  .openapi('SavedSource');

/** GET /sources: every mapped source with its versions. */
export const mappedSourceSummarySchema = z
  .object({
    name: z.string(),
    title: z.object({ ja: z.string(), en: z.string() }).nullable(),
    current: z.number().int().nullable(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        status: z.string(),
        createdBy: z.string().nullable(),
        createdAt: z.string(),
        facts: z.array(z.string()),
      }),
    ),
  })
  .openapi('MappedSourceSummary');
/** One source summary. */
export type MappedSourceSummary = z.infer<typeof mappedSourceSummarySchema>;

const useSchema = z.object({ ruleSet: z.string(), rule: z.string(), label: z.string() });

/** GET /inventory: every source, item, purpose, legal basis, retention and the rules using it. */
export const inventorySchema = z
  .object({
    sources: z.array(
      z.object({
        name: z.string(),
        title: z.object({ ja: z.string(), en: z.string() }),
        version: z.string(),
        personalColumns: z.array(z.string()),
        items: z.array(
          z.object({
            factId: z.string(),
            label: z.object({ ja: z.string(), en: z.string() }),
            type: z.string(),
            unit: z.string().optional(),
            purpose: z.string(),
            legalBasis: z.string(),
            retention: z.string(),
            usedBy: z.array(useSchema),
          }),
        ),
      }),
    ),
    unusedFacts: z.array(z.string()),
    factsWithoutPurpose: z.array(
      z.object({
        factId: z.string(),
        missing: z.array(z.enum(['purpose', 'legalBasis', 'retention'])),
      }),
    ),
  })
  .openapi('DataInventory');
