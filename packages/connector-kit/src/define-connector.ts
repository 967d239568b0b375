import { factDeclarationSchema, sourceKindSchema } from '@mimamori/records';
import type { Connector } from './connector';
import { ConnectorKitError } from './connector-kit-error';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Header text as compared with a file's header: NFKC, trimmed. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').trim();
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** Every problem in a connector definition, as messages (empty when valid). */
export function connectorProblems(def: Connector): string[] {
  const problems: string[] = [];
  if (!NAME.test(def.name)) problems.push(`name must be kebab-case, e.g. roster`);
  if (def.version.trim() === '') problems.push('version must not be empty');
  if (!sourceKindSchema.safeParse(def.source).success) problems.push('source is not a source kind');
  if (def.file.formats.length === 0) problems.push('file.formats must list csv and/or xlsx');
  if (def.columns.length === 0) problems.push('columns must not be empty');
  for (const key of duplicates(def.columns.map((c) => c.key))) {
    problems.push(`column key ${key} is declared more than once`);
  }
  for (const header of duplicates(def.columns.map((c) => normalizeHeader(c.header)))) {
    problems.push(`column header ${header} is declared more than once`);
  }
  for (const column of def.columns) {
    if (normalizeHeader(column.header) === '')
      problems.push(`column ${column.key} has an empty header`);
    if (column.personal && column.role === 'fact') {
      problems.push(`column ${column.key} is personal and cannot have role fact`);
    }
  }
  for (const id of duplicates(def.facts.map((f) => f.id))) {
    problems.push(`fact ${id} is declared more than once`);
  }
  def.facts.forEach((fact, index) => {
    const parsed = factDeclarationSchema.safeParse(fact);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      problems.push(`fact #${index + 1} (${fact.id}) is invalid at: ${fields.join(', ')}`);
    }
  });
  if (typeof def.normalize !== 'function') problems.push('normalize must be a function');
  return problems;
}

/**
 * Validates a connector definition and returns it frozen. Throws `ConnectorKitError`
 * (`invalid_connector`) listing every problem: duplicate keys or headers, facts declared twice
 * or invalid, personal columns used as facts.
 *
 * @example
 * export const nursery = defineConnector({
 *   name: 'nursery', version: '1', title: { ja: '保育', en: 'Nursery' }, source: 'nursery',
 *   roster: false, file: { formats: ['csv'], encoding: 'auto' }, columns, facts,
 *   normalize(row) { const r = rowReader(row); return r.result([...]); },
 * });
 */
export function defineConnector(def: Connector): Connector {
  const problems = connectorProblems(def);
  if (problems.length > 0) {
    throw new ConnectorKitError(
      'invalid_connector',
      `connector ${def.name} is invalid: ${problems.join('; ')}`,
      { cause: problems },
    );
  }
  Object.freeze(def.title);
  Object.freeze(def.file);
  def.columns.forEach((column) => Object.freeze(column));
  Object.freeze(def.columns);
  Object.freeze(def.facts);
  return Object.freeze(def);
}
