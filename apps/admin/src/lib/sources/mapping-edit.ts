/**
 * Pure edits of a mapping document for the source wizard: every function returns a new
 * mapping and keeps the column's role, identity field and fact declaration consistent.
 */
import type {
  ColumnInference,
  ColumnRole,
  ContextField,
  IdentityField,
  LegalField,
  MappedColumn,
  MappedFact,
  MappedFactType,
  Mapping,
} from './mapping';

/**
 * The fact-id prefix of a source: its kebab-case name in camelCase.
 * @example factPrefix('childrens-hall') // 'childrensHall'
 */
export function factPrefix(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function withColumn(
  mapping: Mapping,
  index: number,
  edit: (column: MappedColumn) => MappedColumn,
): Mapping {
  return {
    ...mapping,
    columns: mapping.columns.map((column, i) => (i === index ? edit(column) : column)),
  };
}

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value } as Record<PropertyKey, unknown>;
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

/** Renames the source and moves every fact id that used the old prefix to the new one. */
export function renameMapping(mapping: Mapping, name: string): Mapping {
  const from = `${factPrefix(mapping.name)}.`;
  const to = `${factPrefix(name)}.`;
  return {
    ...mapping,
    name,
    columns: mapping.columns.map((column) =>
      column.fact?.id.startsWith(from)
        ? { ...column, fact: { ...column.fact, id: to + column.fact.id.slice(from.length) } }
        : column,
    ),
  };
}

/** The fact type a sample column suggests. */
export function factTypeOf(inference: ColumnInference | undefined): MappedFactType {
  switch (inference?.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
    case 'empty':
      return 'boolean';
    case 'code':
      return 'code';
    default:
      return 'text';
  }
}

/** A fresh fact declaration for a column turned into a fact (legal fields left for staff). */
export function newFact(mapping: Mapping, index: number, type: MappedFactType): MappedFact {
  const header = mapping.columns[index]?.header.trim() ?? '';
  return withFactType(
    {
      id: `${factPrefix(mapping.name)}.col${index + 1}`,
      label: { ja: header || `列${index + 1}`, en: `Column ${index + 1}` },
      type,
      purpose: '',
      legalBasis: '',
      retention: '',
    },
    type,
  );
}

/**
 * Changes a column's role. `restore` is the fact the column had before (so switching back to
 * `fact` keeps what staff typed); `inference` proposes the identity field and fact type.
 */
export function setRole(
  mapping: Mapping,
  index: number,
  role: ColumnRole,
  options: { restore?: MappedFact | undefined; inference?: ColumnInference | undefined } = {},
): Mapping {
  return withColumn(mapping, index, (column) => {
    const base = without(column, 'fact', 'identityField', 'contextField');
    switch (role) {
      case 'fact':
        return {
          ...base,
          role,
          personal: false,
          fact: options.restore ?? newFact(mapping, index, factTypeOf(options.inference)),
        };
      case 'identity': {
        const field = column.identityField ?? options.inference?.candidates[0]?.field;
        return { ...base, role, personal: true, ...(field ? { identityField: field } : {}) };
      }
      case 'context':
        return {
          ...base,
          role,
          personal: false,
          ...(options.inference?.contextField
            ? { contextField: options.inference.contextField }
            : {}),
        };
      case 'personal':
        return {
          ...base,
          role,
          personal: true,
          ...(column.identityField ? { identityField: column.identityField } : {}),
        };
      default:
        return { ...base, role };
    }
  });
}

export function setIdentityField(
  mapping: Mapping,
  index: number,
  field: IdentityField | undefined,
): Mapping {
  return withColumn(mapping, index, (column) => {
    const base = without(column, 'identityField');
    return field ? { ...base, identityField: field } : base;
  });
}

export function setContextField(
  mapping: Mapping,
  index: number,
  field: ContextField | undefined,
): Mapping {
  return withColumn(mapping, index, (column) => {
    const base = without(column, 'contextField');
    return field ? { ...base, contextField: field } : base;
  });
}

export function setColumnFlag(
  mapping: Mapping,
  index: number,
  flag: 'personal' | 'required',
  value: boolean,
): Mapping {
  return withColumn(mapping, index, (column) => ({ ...column, [flag]: value }));
}

/** Patches a column's fact; `unit: ''` removes the unit (the schema rejects empty text). */
export function updateFact(mapping: Mapping, index: number, patch: Partial<MappedFact>): Mapping {
  return withColumn(mapping, index, (column) => {
    if (!column.fact) return column;
    const fact = { ...column.fact, ...patch };
    return { ...column, fact: fact.unit === '' ? without(fact, 'unit') : fact };
  });
}

/** A fact switched to `type`, with a code table or yes/no spellings when the type needs one. */
export function withFactType(fact: MappedFact, type: MappedFactType): MappedFact {
  const base = without(fact, 'codes', 'boolean', 'integer', 'min', 'max');
  switch (type) {
    case 'code':
      return { ...base, type, codes: fact.codes ?? {} };
    case 'boolean':
      return { ...base, type, boolean: fact.boolean ?? { true: ['1'], false: ['', '0'] } };
    case 'number':
      return {
        ...base,
        type,
        ...(fact.integer === undefined ? {} : { integer: fact.integer }),
        ...(fact.min === undefined ? {} : { min: fact.min }),
        ...(fact.max === undefined ? {} : { max: fact.max }),
      };
    default:
      return without({ ...base, type }, 'unit');
  }
}

export function setFactType(mapping: Mapping, index: number, type: MappedFactType): Mapping {
  return withColumn(mapping, index, (column) =>
    column.fact ? { ...column, fact: withFactType(column.fact, type) } : column,
  );
}

/** One row of a code table editor: the code as exported and the value stored. */
export type CodeRow = { code: string; value: string };

export function codeRows(codes: Record<string, string> | undefined): CodeRow[] {
  return Object.entries(codes ?? {}).map(([code, value]) => ({ code, value }));
}

/** Back to a code table; a later row wins over an earlier one with the same code. */
export function codesFromRows(rows: readonly CodeRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.code, row.value]));
}

/**
 * Fills purpose, legal basis and retention of every fact column. For each field the given text
 * is used; when it is empty, the first text staff already typed in a fact row is copied.
 */
export function applyLegalToAll(
  mapping: Mapping,
  values: Partial<Record<LegalField, string>>,
): Mapping {
  const facts = mapping.columns.flatMap((c) => (c.role === 'fact' && c.fact ? [c.fact] : []));
  const chosen: Partial<Record<LegalField, string>> = {};
  for (const field of ['purpose', 'legalBasis', 'retention'] as const) {
    const given = values[field]?.trim() ?? '';
    const typed = facts.map((f) => f[field].trim()).find((text) => text !== '') ?? '';
    const text = given || typed;
    if (text !== '') chosen[field] = text;
  }
  return {
    ...mapping,
    columns: mapping.columns.map((column) =>
      column.role === 'fact' && column.fact
        ? { ...column, fact: { ...column.fact, ...chosen } }
        : column,
    ),
  };
}

/**
 * The mapping as the API receives it: an empty English label takes the Japanese one, and
 * trailing spaces are trimmed from texts residents will read.
 */
export function mappingForSave(mapping: Mapping): Mapping {
  return {
    ...mapping,
    title: { ja: mapping.title.ja.trim(), en: mapping.title.en.trim() || mapping.title.ja.trim() },
    columns: mapping.columns.map((column) => {
      if (!column.fact) return column;
      const fact = column.fact;
      const ja = fact.label.ja.trim();
      return {
        ...column,
        fact: {
          ...fact,
          id: fact.id.trim(),
          label: { ja, en: fact.label.en.trim() || ja },
          purpose: fact.purpose.trim(),
          legalBasis: fact.legalBasis.trim(),
          retention: fact.retention.trim(),
        },
      };
    }),
  };
}
