/**
 * The mapping document of a mapped source, as the admin UI edits it. `@mimamori/mapping` owns
 * the zod schema (`mappingSchema`); these types mirror its contract so the client bundle does
 * not pull in the file readers (the API declares mappings as opaque JSON: its validator answers
 * problems at JSON Pointers instead).
 */
import type { Answer, Api } from '../api-client';
import type { ProblemField } from '../api-types';

export const columnRoles = ['identity', 'fact', 'context', 'personal', 'ignore'] as const;
export type ColumnRole = (typeof columnRoles)[number];

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
export type IdentityField = (typeof identityFields)[number];

export const contextFields = ['school', 'grade', 'nursery'] as const;
export type ContextField = (typeof contextFields)[number];

export const mappedFactTypes = ['number', 'boolean', 'code', 'text', 'date'] as const;
export type MappedFactType = (typeof mappedFactTypes)[number];

export const sourceKinds = ['roster', 'nursery', 'school', 'welfare', 'health', 'other'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const dateFormats = ['wareki', 'iso', 'auto'] as const;
export type DateFormat = (typeof dateFormats)[number];

export type Label = { ja: string; en: string };

/** The three declarations residents are told about for every fact. */
export const legalFields = ['purpose', 'legalBasis', 'retention'] as const;
export type LegalField = (typeof legalFields)[number];

export type MappedFact = {
  id: string;
  label: Label;
  type: MappedFactType;
  unit?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  /** Code facts: export code → stored value. */
  codes?: Record<string, string>;
  boolean?: { true: string[]; false: string[] };
  purpose: string;
  legalBasis: string;
  retention: string;
};

export type MappedColumn = {
  header: string;
  role: ColumnRole;
  identityField?: IdentityField;
  contextField?: ContextField;
  fact?: MappedFact;
  dateFormat?: DateFormat;
  required: boolean;
  personal: boolean;
};

export type Mapping = {
  $schema?: string;
  name: string;
  version: string;
  title: Label;
  source: SourceKind;
  file: {
    format: 'csv' | 'xlsx';
    encoding: 'auto' | 'cp932' | 'utf-8';
    delimiter?: ',' | '\t' | ';';
    headerRow: number;
    sheet?: string;
  };
  columns: MappedColumn[];
};

/** Types inference can see in a sample column. */
export type InferredType =
  'integer' | 'decimal' | 'date' | 'boolean' | 'code' | 'kana' | 'identifier' | 'text' | 'empty';

export type IdentityCandidate = { field: IdentityField; confidence: number };

/** What inference concluded about one column (never a cell value). */
export type ColumnInference = {
  index: number;
  header: string;
  type: InferredType;
  role: ColumnRole;
  personal: boolean;
  identityField?: IdentityField;
  contextField?: ContextField;
  confidence: number;
  candidates: IdentityCandidate[];
  /** Why, in English. */
  reason: string;
};

/** A problem in a mapping, pointed at by a JSON Pointer (`/columns/3/fact/purpose`). */
export type MappingProblem = ProblemField;

export const linkageStatuses = ['linked', 'ambiguous', 'unmatched'] as const;
export type LinkageStatus = (typeof linkageStatuses)[number];

/** A problem reading one cell of the sample (never its value). */
export type SampleIssue = { line: number; column: number; code: string; field?: string };

/**
 * One sample row as it would be stored: fact values and context, and which personal fields it
 * carries (names only). `linkage` is null when the row could not be read.
 */
export type PreviewRow = {
  line: number;
  facts: Record<string, unknown>;
  context?: Record<string, unknown>;
  personalFields: string[];
  linkage: { status: LinkageStatus | (string & {}); method?: string; confidence?: number } | null;
  issues?: SampleIssue[];
};

/** How the sample was read. */
export type SampleInfo = {
  format?: string;
  encoding?: string;
  delimiter?: string;
  headerRow?: number;
  rows?: number;
};

/** `POST /api/sources/infer` (multipart `file`, optional `name`, optional edited `mapping`). */
export type InferResult = {
  mapping: Mapping;
  columns: ColumnInference[];
  problems: MappingProblem[];
  sample?: SampleInfo;
  preview: { rows: PreviewRow[]; fileIssues?: SampleIssue[]; linkage?: Record<string, number> };
};

/** `GET /api/sources`: a mapped source with every saved version. */
export type SourceSummary = Answer<Api['sources']['$get']>[number];
