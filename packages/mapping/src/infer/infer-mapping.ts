import type {
  ColumnRole,
  ContextField,
  IdentityField,
  MappedColumn,
  MappedFact,
  Mapping,
} from '../mapping-schema';
import { factPrefix } from '../mapping-schema';
import { MappingError } from '../mapping-error';
import { unreservedName } from '../source-names';
import { validateMapping, type MappingProblem } from '../validate-mapping';
import { classifyColumn, type ColumnShape, type InferredType } from './classify-column';
import { FLAG_HINT, unitFromHeader } from './header-hints';
import { contextField, identityCandidates, type IdentityCandidate } from './identity-scores';
import { readSampleTable, type SampleTable } from './sample-table';

/** What inference concluded about one column, for the wizard's editable table. */
export interface ColumnInference {
  /** 0-based position in the sample. */
  readonly index: number;
  readonly header: string;
  readonly type: InferredType;
  readonly rows: number;
  readonly filled: number;
  readonly distinct: number;
  readonly role: ColumnRole;
  readonly personal: boolean;
  readonly identityField?: IdentityField;
  /** The school, grade or nursery the column names: proposed as `ignore` (not a mapped source's). */
  readonly contextField?: ContextField;
  /** Confidence (0–1) in the identity field when one is proposed, else in the type. */
  readonly confidence: number;
  /** Every identity field the column could fill, best first. */
  readonly candidates: readonly IdentityCandidate[];
  /** Why, in English; never a cell value. */
  readonly reason: string;
}

/** Inference result: a draft mapping (complete it, then validate), per-column detail, problems. */
export interface InferredMapping {
  readonly mapping: Mapping;
  readonly columns: readonly ColumnInference[];
  /** What staff must still do; at least purpose, legal basis and retention of every fact. */
  readonly problems: readonly MappingProblem[];
  readonly sample: Pick<SampleTable, 'format' | 'encoding' | 'delimiter' | 'headerRow'> & {
    readonly rows: number;
  };
}

/** Options for `inferMapping`. */
export interface InferMappingOptions {
  /**
   * kebab-case source name; defaults to the file name when it is ASCII, else `new-source`, with
   * `-mapped` added when that is a built-in connector's name (`school.csv` → `school-mapped`).
   */
  readonly name?: string;
  /** Names of the connector packages, never proposed (the source kinds never are either). */
  readonly reservedNames?: Iterable<string>;
  /** Reference date for plausible birth dates (ISO); defaults to today. */
  readonly today?: string;
}

/** Least confidence for proposing a column as an identity field. */
export const IDENTITY_THRESHOLD = 0.6;

function nameFromFile(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
  const kebab = base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(kebab) ? kebab : 'new-source';
}

/** Greedy assignment: highest confidence first, one field per column and one column per field. */
function assignIdentity(
  candidates: readonly (readonly IdentityCandidate[])[],
): Map<number, IdentityCandidate> {
  const pairs = candidates.flatMap((list, index) => list.map((c) => ({ index, ...c })));
  pairs.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const chosen = new Map<number, IdentityCandidate>();
  const used = new Set<IdentityField>();
  for (const pair of pairs) {
    if (pair.confidence < IDENTITY_THRESHOLD || chosen.has(pair.index) || used.has(pair.field))
      continue;
    chosen.set(pair.index, { field: pair.field, confidence: pair.confidence });
    used.add(pair.field);
  }
  return chosen;
}

function factOf(prefix: string, index: number, header: string, shape: ColumnShape): MappedFact {
  const unit = unitFromHeader(header);
  const legal = { purpose: '', legalBasis: '', retention: '' };
  const base = {
    id: `${prefix}.col${index + 1}`,
    label: { ja: header.trim() || `列${index + 1}`, en: `Column ${index + 1}` },
  };
  switch (shape.type) {
    case 'integer':
    case 'decimal':
      return {
        ...base,
        type: 'number',
        ...(unit === undefined ? {} : { unit }),
        ...(shape.type === 'integer' ? { integer: true } : {}),
        ...((shape.min ?? -1) >= 0 ? { min: 0 } : {}),
        ...legal,
      };
    case 'date':
      return { ...base, type: 'date', ...legal };
    case 'boolean':
    case 'empty':
      return {
        ...base,
        type: 'boolean',
        boolean: {
          true: [...(shape.boolean?.true ?? [])],
          false: [...(shape.boolean?.false ?? [])],
        },
        ...legal,
      };
    case 'code':
      return {
        ...base,
        type: 'code',
        codes: Object.fromEntries((shape.codes ?? []).map((c) => [c, c])),
        ...legal,
      };
    default:
      return { ...base, type: 'text', ...legal };
  }
}

/** Spellings proposed for a flag column the sample leaves empty (staff confirm them). */
const GUESSED_FLAG = { true: ['○', '有', '1'], false: ['', '無', '0'] };

/** An empty column whose header names a flag is proposed as one, with a low confidence. */
function guessEmpty(header: string, shape: ColumnShape): ColumnShape {
  return shape.type === 'empty' && FLAG_HINT.test(header)
    ? { ...shape, fit: 0.3, boolean: GUESSED_FLAG }
    : shape;
}

const FACT_TYPES = new Set<InferredType>(['integer', 'decimal', 'date', 'boolean', 'code']);

function roleOf(
  shape: ColumnShape,
  identity: IdentityCandidate | undefined,
  context: ContextField | undefined,
): { role: ColumnRole; reason: string } {
  if (identity?.field === 'address')
    return { role: 'personal', reason: 'address: personal data kept apart, not used for linkage' };
  if (identity) return { role: 'identity', reason: `values look like ${identity.field}` };
  if (context) {
    return {
      role: 'ignore',
      reason: `header and values name the ${context}, which the school and nursery connectors own: not imported`,
    };
  }
  if (shape.type === 'empty' && shape.boolean) {
    return { role: 'fact', reason: 'no values in the sample; the header names a yes/no flag' };
  }
  if (shape.type === 'empty') {
    return { role: 'ignore', reason: 'no values in the sample: choose a role by hand' };
  }
  if (FACT_TYPES.has(shape.type)) return { role: 'fact', reason: `${shape.type} values` };
  if (shape.type === 'text')
    return { role: 'personal', reason: 'free text: likely personal data, not imported' };
  return {
    role: 'personal',
    reason: `${shape.type} values not used for linkage: personal data, not imported`,
  };
}

function columnOf(
  prefix: string,
  index: number,
  header: string,
  shape: ColumnShape,
  identity: IdentityCandidate | undefined,
  context: ContextField | undefined,
): MappedColumn {
  const { role } = roleOf(shape, identity, context);
  const emptyMapped = shape.boolean?.false.includes('') ?? false;
  const required = (shape.filled > 0 && shape.filled === shape.rows) || emptyMapped;
  const personal = role === 'identity' || role === 'personal';
  const column: MappedColumn = { header, role, required, personal };
  const dated = shape.type === 'date' && shape.dateFormat ? { dateFormat: shape.dateFormat } : {};
  if (identity) return { ...column, identityField: identity.field, ...dated };
  if (role === 'fact') return { ...column, ...dated, fact: factOf(prefix, index, header, shape) };
  return column;
}

/**
 * Infers a mapping from a sample file: encoding, format, delimiter, header row, per-column type,
 * identity columns with a confidence, free text flagged as personal. Fact ids are
 * `<name>.col<N>` with the Japanese header as label; purpose, legal basis and retention are left
 * empty so the mapping fails validation (`problems`) until staff complete it.
 *
 * @example
 * const { mapping, columns, problems } = await inferMapping({ file: 'jidokan.csv', bytes }, { name: 'childrens-hall' });
 */
export async function inferMapping(
  input: { file: string; bytes: Uint8Array },
  options: InferMappingOptions = {},
): Promise<InferredMapping> {
  const table = await readSampleTable(input);
  if (table.header.length === 0)
    throw new MappingError('bad_sample', `sample ${input.file} has no header row`);
  const reservedNames = [...(options.reservedNames ?? [])];
  const name = options.name ?? unreservedName(nameFromFile(input.file), reservedNames);
  const prefix = factPrefix(name);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const cellsOf = (index: number) => table.rows.map((row) => row[index] ?? '');
  const shapes = table.header.map((header, index) =>
    guessEmpty(header, classifyColumn(header, cellsOf(index))),
  );
  const candidates = table.header.map((header, index) =>
    identityCandidates(header, cellsOf(index), shapes[index]!, today),
  );
  const chosen = assignIdentity(candidates);

  const columns: ColumnInference[] = [];
  const mappedColumns: MappedColumn[] = [];
  table.header.forEach((header, index) => {
    const shape = shapes[index]!;
    const identity = chosen.get(index);
    const context = identity ? undefined : contextField(header, shape);
    const mapped = columnOf(prefix, index, header, shape, identity, context);
    mappedColumns.push(mapped);
    columns.push({
      index,
      header,
      type: shape.type,
      rows: shape.rows,
      filled: shape.filled,
      distinct: shape.distinct,
      role: mapped.role,
      personal: mapped.personal,
      ...(identity ? { identityField: identity.field } : {}),
      ...(context ? { contextField: context } : {}),
      confidence: identity?.confidence ?? Math.round(shape.fit * 100) / 100,
      candidates: candidates[index] ?? [],
      reason: roleOf(shape, identity, context).reason,
    });
  });
  const mapping: Mapping = {
    name,
    version: '1',
    title: { ja: input.file, en: input.file },
    source: 'other',
    file: {
      format: table.format,
      encoding: table.encoding === 'cp932' ? 'cp932' : table.encoding === 'xlsx' ? 'auto' : 'utf-8',
      ...(table.format === 'csv' ? { delimiter: table.delimiter } : {}),
      headerRow: table.headerRow,
    },
    columns: mappedColumns,
  };
  const validation = validateMapping(mapping, { reservedNames });
  const sample = {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerRow: table.headerRow,
    rows: table.rows.length,
  };
  return { mapping, columns, problems: validation.problems, sample };
}
