import { factTypes, sourceKinds } from '@mimamori/records';
import { z } from 'zod';

/**
 * Roles a column can take; `identity` and `personal` never reach the scoring side. `context` is
 * a code connector's role: validation refuses it in a mapping (`context_not_allowed`).
 */
export const columnRoles = ['identity', 'fact', 'context', 'personal', 'ignore'] as const;
/** Identity fields a column can fill (the personal side: used for linkage or kept apart). */
export const identityFields = [
  'residentNumber',
  'householdNumber',
  'name',
  'kana',
  'birthDate',
  'sex',
  'relation',
  'address',
  'dvSupport',
] as const;
/** Context fields a column can fill (non-identifying: scoping and ranks). */
export const contextFields = ['school', 'grade', 'nursery'] as const;
/** How date cells are written: 和暦 only, western only, or either. */
export const dateFormats = ['wareki', 'iso', 'auto'] as const;
/** Delimiters a CSV mapping can declare. */
export const delimiters = [',', '\t', ';'] as const;

const labelSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

/** Accepted spellings for yes/no; `""` in `false` reads an empty cell as no. */
export const booleanSpellingsSchema = z.strictObject({
  true: z.array(z.string()).min(1),
  false: z.array(z.string()),
});

/** What a fact column holds and why the municipality holds it (shown to residents). */
export const mappedFactSchema = z.strictObject({
  /** `<prefix>.<name>`, the prefix being the mapping name in camelCase (childrensHall). */
  id: z.string().min(1),
  label: labelSchema,
  type: z.enum(factTypes),
  unit: z.string().min(1).optional(),
  /** Numbers: reject decimals. */
  integer: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Code facts: export code → stored value; key `""` maps an empty cell. */
  codes: z.record(z.string(), z.string().min(1)).optional(),
  boolean: booleanSpellingsSchema.optional(),
  /** Purpose of use, legal basis and retention: required; empty until staff fill them in. */
  purpose: z.string(),
  legalBasis: z.string(),
  retention: z.string(),
});
export type MappedFact = z.infer<typeof mappedFactSchema>;

/** One column of the file, matched by its header (NFKC, trimmed). */
export const mappedColumnSchema = z.strictObject({
  header: z.string().min(1),
  role: z.enum(columnRoles),
  /**
   * Required for `identity` (one column per field); allowed on `personal` to say what the column
   * holds (a guardian's name), which is then never read: not for linkage, not stored.
   */
  identityField: z.enum(identityFields).optional(),
  /** Only with `context`, which mappings may not use (the school and nursery connectors own it). */
  contextField: z.enum(contextFields).optional(),
  /** Required for `fact`. */
  fact: mappedFactSchema.optional(),
  dateFormat: z.enum(dateFormats).optional(),
  /** The header must be present and cells non-empty (unless the empty cell is mapped). */
  required: z.boolean(),
  /** The column holds personal data (names, dates of birth, addresses, ids, free text). */
  personal: z.boolean(),
});
export type MappedColumn = z.infer<typeof mappedColumnSchema>;

/** The file layout: format, encoding, delimiter, header row (1-based line or sheet row). */
export const mappedFileSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['auto', 'cp932', 'utf-8']),
  delimiter: z.enum(delimiters).optional(),
  headerRow: z.number().int().min(1).max(100),
  sheet: z.string().min(1).optional(),
});
export type MappedFile = z.infer<typeof mappedFileSchema>;

/**
 * A mapping document: a source described as data, executed by `createMappedConnector` like a
 * code connector. The JSON Schema in `mapping.schema.json` is generated from this.
 */
export const mappingSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Use kebab-case, e.g. childrens-hall'),
    version: z.string().regex(/^[1-9][0-9]*$/, 'Use a positive whole number, e.g. "1"'),
    title: labelSchema,
    source: z.enum(sourceKinds),
    file: mappedFileSchema,
    columns: z.array(mappedColumnSchema).min(1),
  })
  .meta({ id: 'Mapping', title: 'Mimamori source mapping' });
export type Mapping = z.infer<typeof mappingSchema>;
export type ColumnRole = MappedColumn['role'];
export type IdentityField = (typeof identityFields)[number];
export type ContextField = (typeof contextFields)[number];

/** The fact-id prefix of a mapping: its name in camelCase. @example factPrefix('childrens-hall') // 'childrensHall' */
export function factPrefix(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
