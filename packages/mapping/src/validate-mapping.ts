import { normalizeHeader } from '@mimamori/connector-kit';
import type { z } from 'zod';
import { MappingError } from './mapping-error';
import { factPrefix, mappingSchema, type MappedColumn, type Mapping } from './mapping-schema';
import { reservedNameProblem } from './source-names';

/** Stable codes for problems in a mapping document. */
export const mappingProblemCodes = [
  'schema',
  'duplicate_header',
  'duplicate_fact_id',
  'bad_fact_id',
  'missing_fact',
  'unexpected_fact',
  'missing_code_table',
  'missing_boolean_spellings',
  'missing_identity_field',
  'duplicate_identity_field',
  'context_not_allowed',
  'personal_fact',
  'no_identity_column',
  'missing_purpose',
  'missing_legal_basis',
  'missing_retention',
  'placeholder_text',
  'bad_range',
  'reserved_name',
  // Checked against the other sources when saving (`factIdConflicts`, `factsInUseProblems`).
  'fact_id_taken',
  'fact_in_use',
] as const;
export type MappingProblemCode = (typeof mappingProblemCodes)[number];

/** One problem, pointed at by a JSON Pointer (`/columns/3/fact/id`); never carries cell values. */
export interface MappingProblem {
  readonly path: string;
  readonly code: MappingProblemCode;
  readonly message: string;
  readonly messageJa: string;
}

/** What a caller knows beyond the document: the connector packages it runs beside. */
export interface MappingValidationOptions {
  /**
   * Names of the connector packages (`discoverConnectors`); a mapped source may not take one.
   * The source kinds (`school`, `roster`, …) are refused even without this.
   */
  readonly reservedNames?: Iterable<string>;
}

/** A validated mapping, or every problem found. */
export type MappingValidation =
  | { readonly ok: true; readonly mapping: Mapping; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

/** Texts that say "fill me in" rather than state a purpose. */
const PLACEHOLDERS = new Set([
  '要記入',
  '未定',
  '未記入',
  'todo',
  'tbd',
  'xxx',
  '-',
  '—',
  '?',
  '？',
]);

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function schemaProblems(issues: readonly z.core.$ZodIssue[]): MappingProblem[] {
  return issues.map((issue) => ({
    path: pointer(issue.path),
    code: 'schema',
    message: issue.message,
    messageJa: `形式が正しくありません（${pointer(issue.path) || '/'}）`,
  }));
}

const legalFields = [
  ['purpose', 'missing_purpose', 'purpose of use', '利用目的'],
  ['legalBasis', 'missing_legal_basis', 'legal basis', '法的根拠'],
  ['retention', 'missing_retention', 'retention period', '保存期間'],
] as const;

function columnProblems(column: MappedColumn, at: string, prefix: string): MappingProblem[] {
  const out: MappingProblem[] = [];
  const add = (path: string, code: MappingProblemCode, message: string, messageJa: string) =>
    out.push({ path: at + path, code, message, messageJa });
  if (column.role === 'identity' && column.identityField === undefined) {
    add(
      '/identityField',
      'missing_identity_field',
      'an identity column needs identityField',
      '本人特定に使う列には identityField（宛名番号・氏名など）が必要です',
    );
  }
  if (column.role === 'context') {
    // The school and nursery connectors own a child's school, grade and nursery: each import
    // replaces them for every child, so a partial file from another office would erase them.
    add(
      '/role',
      'context_not_allowed',
      'a mapped source cannot set school, grade or nursery (the school and nursery connectors own them); use role ignore',
      '学校・学年・園は学校・保育のコネクタが管理するため、マッピングでは設定できません。用途を「使わない」にしてください',
    );
  }
  if (column.role === 'fact' && column.personal) {
    add(
      '/role',
      'personal_fact',
      'a personal column cannot have role fact',
      '個人情報の列を判定項目（fact）にはできません',
    );
  }
  const fact = column.fact;
  if (column.role !== 'fact') {
    if (fact)
      add(
        '/fact',
        'unexpected_fact',
        'only fact columns declare a fact',
        'fact を宣言できるのは role が fact の列だけです',
      );
    return out;
  }
  if (!fact) {
    add(
      '/fact',
      'missing_fact',
      'a fact column needs a fact declaration',
      '判定項目の列には fact の宣言が必要です',
    );
    return out;
  }
  if (!new RegExp(`^${prefix}\\.[a-z][a-zA-Z0-9]*$`).test(fact.id)) {
    add(
      '/fact/id',
      'bad_fact_id',
      `fact id must look like ${prefix}.name (camelCase)`,
      `項目IDは ${prefix}.名前 の形（英字 camelCase）にしてください`,
    );
  }
  if (fact.type === 'code' && Object.keys(fact.codes ?? {}).length === 0) {
    add(
      '/fact/codes',
      'missing_code_table',
      'a code fact needs its code table',
      'コード項目にはコード表（codes）が必要です',
    );
  }
  if (fact.type === 'boolean' && !fact.boolean) {
    add(
      '/fact/boolean',
      'missing_boolean_spellings',
      'a boolean fact needs its true/false spellings',
      '有無の項目には「有」「無」にあたる表記（boolean）が必要です',
    );
  }
  if (fact.min !== undefined && fact.max !== undefined && fact.min > fact.max) {
    add('/fact/min', 'bad_range', 'min must not exceed max', '最小値が最大値を超えています');
  }
  for (const [key, code, en, ja] of legalFields) {
    const text = fact[key].trim();
    if (text === '') {
      add(
        `/fact/${key}`,
        code,
        `every fact must declare its ${en}`,
        `すべての項目に${ja}を記入してください`,
      );
    } else if (PLACEHOLDERS.has(text.toLowerCase())) {
      add(
        `/fact/${key}`,
        'placeholder_text',
        `the ${en} is a placeholder; state it`,
        `${ja}が仮の記入のままです。具体的に記入してください`,
      );
    }
  }
  return out;
}

/**
 * Cross-field problems of a mapping that already has the right shape.
 *
 * @example mappingProblems(mappingSchema.parse(doc)).map((p) => p.path) // ['/columns/3/fact/id']
 */
export function mappingProblems(
  mapping: Mapping,
  options: MappingValidationOptions = {},
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const reserved = reservedNameProblem(mapping.name, options.reservedNames);
  if (reserved) problems.push(reserved);
  const prefix = factPrefix(mapping.name);
  const headers = new Map<string, number>();
  const factIds = new Map<string, number>();
  const identity = new Map<string, number>();
  mapping.columns.forEach((column, index) => {
    const at = `/columns/${index}`;
    const header = normalizeHeader(column.header);
    if (headers.has(header)) {
      problems.push({
        path: `${at}/header`,
        code: 'duplicate_header',
        message: `header is also used by column ${headers.get(header)}`,
        messageJa: `見出しが列 ${headers.get(header)} と重複しています`,
      });
    } else headers.set(header, index);
    const id = column.role === 'fact' ? column.fact?.id : undefined;
    if (id !== undefined && factIds.has(id)) {
      problems.push({
        path: `${at}/fact/id`,
        code: 'duplicate_fact_id',
        message: `fact id is also declared by column ${factIds.get(id)}`,
        messageJa: `項目IDが列 ${factIds.get(id)} と重複しています`,
      });
    } else if (id !== undefined) factIds.set(id, index);
    // Only identity columns feed linkage; two for one field would let the later one win.
    const field = column.role === 'identity' ? column.identityField : undefined;
    if (field !== undefined && identity.has(field)) {
      problems.push({
        path: `${at}/identityField`,
        code: 'duplicate_identity_field',
        message: `identity field ${field} is also filled by column ${identity.get(field)}`,
        messageJa: `本人特定の項目（${field}）が列 ${identity.get(field)} と重複しています。名寄せに使う列は1つにし、他は「個人情報」か「使わない」にしてください`,
      });
    } else if (field !== undefined) identity.set(field, index);
    for (const problem of columnProblems(column, at, prefix)) problems.push(problem);
  });
  if (!mapping.columns.some((c) => c.role === 'identity')) {
    problems.push({
      path: '/columns',
      code: 'no_identity_column',
      message: 'at least one identity column is needed to link rows to children',
      messageJa:
        'こどもと突合するための本人特定列（宛名番号・氏名・生年月日など）が1つ以上必要です',
    });
  }
  return problems;
}

/**
 * Validates a mapping document (shape, then cross-field rules) and returns every problem with a
 * JSON Pointer. An inferred mapping fails until staff fill in purpose, legal basis and retention.
 *
 * @example
 * const v = validateMapping(JSON.parse(text));
 * if (!v.ok) for (const p of v.problems) console.error(`${p.path} ${p.code} ${p.message}`);
 */
export function validateMapping(
  input: unknown,
  options: MappingValidationOptions = {},
): MappingValidation {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error.issues) };
  const problems = mappingProblems(parsed.data, options);
  return problems.length === 0
    ? { ok: true, mapping: parsed.data, problems: [] }
    : { ok: false, problems };
}

/**
 * Validates and returns the mapping, or throws `MappingError` (`invalid_mapping`) whose `cause`
 * is the problem list.
 *
 * @example const mapping = parseMapping(JSON.parse(readFileSync('mapping.json', 'utf8')));
 */
export function parseMapping(input: unknown, options: MappingValidationOptions = {}): Mapping {
  const result = validateMapping(input, options);
  if (result.ok) return result.mapping;
  const where = result.problems.map((p) => `${p.path || '/'} ${p.code}`).join('; ');
  throw new MappingError('invalid_mapping', `mapping is invalid: ${where}`, {
    cause: result.problems,
  });
}
