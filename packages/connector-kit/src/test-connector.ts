import {
  formatRowIssue,
  sourceRecordSchema,
  type FactDeclaration,
  type FactValue,
  type SourceRecord,
} from '@mimamori/records';
import { describe, expect, it } from 'vitest';
import type { Connector, RawRow } from './connector';
import {
  truncatedXlsx,
  withBadDate,
  withUndecodableByte,
  withoutDataRows,
  withoutRequiredColumn,
  type Corruption,
} from './corrupt-fixture';
import { connectorProblems } from './define-connector';
import type { FileInput } from './read-table';
import { readRows } from './read-rows';
import { runConnector } from './run-connector';
import { parseWarekiDate } from './wareki';

/** Fixtures for the conformance suite; `dateColumns` overrides date-column detection. */
export interface TestConnectorOptions {
  readonly fixtures: readonly FileInput[];
  /** Records each fixture must yield at least (default 1). */
  readonly minRecords?: number;
  /** Column keys holding dates (for the bad-date case); detected from the fixture when absent. */
  readonly dateColumns?: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a fact value does not match its declaration, or undefined when it does. */
function factProblem(decl: FactDeclaration, value: FactValue): string | undefined {
  if (value === null) return undefined;
  const wrong = `fact ${decl.id} is not a ${decl.type}`;
  switch (decl.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong;
      if (decl.min !== undefined && value < decl.min) return `fact ${decl.id} is below its min`;
      if (decl.max !== undefined && value > decl.max) return `fact ${decl.id} is above its max`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrong;
    case 'code':
      if (typeof value !== 'string') return wrong;
      return decl.allowedValues && !decl.allowedValues.includes(value)
        ? `fact ${decl.id} is not one of its allowedValues`
        : undefined;
    case 'text':
      return typeof value === 'string' ? undefined : wrong;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) ? undefined : wrong;
  }
}

function personalValues(connector: Connector, row: RawRow): Set<string> {
  const values = new Set<string>();
  for (const column of connector.columns) {
    const text = row.values[column.key]?.normalize('NFKC').trim() ?? '';
    if (!column.personal || text.length < 2) continue;
    values.add(text);
    const date = parseWarekiDate(text);
    if (date.ok) values.add(date.value);
  }
  return values;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Runs a corrupted copy and expects no records and the issue at its line and column. */
export async function expectRejected(
  corruption: Corruption,
  connector: Connector,
  code: string,
): Promise<void> {
  const run = await runConnector(connector, corruption.input);
  expect(run.records).toHaveLength(0);
  const want = { code, line: corruption.line, column: corruption.column };
  expect(run.issues.map(({ code: c, line, column }) => ({ code: c, line, column }))).toContainEqual(
    want,
  );
}

/** A corruption that applies to a fixture: the test title, the corrupted copy, the issue code. */
export interface CorruptionCase {
  readonly title: string;
  readonly code: string;
  readonly corruption: Corruption;
}

/** The corruption cases that apply to one fixture (an XLSX has no undecodable bytes, …). */
export async function corruptionCases(
  connector: Connector,
  fixture: FileInput,
  dateColumns: readonly string[] | undefined,
): Promise<CorruptionCase[]> {
  const candidates = [
    {
      title: 'rejects a file without a required column (missing_column)',
      code: 'missing_column',
      corruption: await withoutRequiredColumn(connector, fixture),
    },
    {
      title: 'rejects a header without data rows (empty_file)',
      code: 'empty_file',
      corruption: await withoutDataRows(connector, fixture),
    },
    {
      title: 'rejects an undecodable byte at its line (undecodable)',
      code: 'undecodable',
      corruption: await withUndecodableByte(connector, fixture),
    },
    {
      title: 'rejects an impossible date at its line and column (bad_date)',
      code: 'bad_date',
      corruption: await withBadDate(connector, fixture, dateColumns),
    },
  ];
  return candidates.flatMap(({ corruption, ...rest }) =>
    corruption ? [{ ...rest, corruption }] : [],
  );
}

/**
 * Registers the shared conformance suite for a connector: definition, fixtures read cleanly,
 * purity, declared fact types, record kinds, no personal data in facts, and corrupted copies of
 * each fixture rejected with the right issue. Only the corruptions that apply are registered (no
 * undecodable byte in an XLSX, no truncated workbook for a CSV-only connector, no bad date
 * without a date column), so every registered case can fail and none is skipped.
 *
 * @example
 * testConnector(createRosterConnector(), {
 *   fixtures: [{ file: 'roster.csv', bytes: readFileSync(new URL('../fixtures/roster.csv', import.meta.url)) }],
 *   minRecords: 10,
 * });
 */
export function testConnector(connector: Connector, options: TestConnectorOptions): void {
  const minRecords = options.minRecords ?? 1;
  const declared = new Map(connector.facts.map((fact) => [fact.id, fact]));

  // Vitest awaits suite factories: the corrupted copies are built while tests are collected.
  describe(`connector ${connector.name} conformance`, async () => {
    it('has a valid, frozen definition and at least one fixture', () => {
      expect(connectorProblems(connector)).toEqual([]);
      expect(Object.isFrozen(connector)).toBe(true);
      expect(options.fixtures.length).toBeGreaterThan(0);
    });

    for (const fixture of options.fixtures) {
      describe(`fixture ${fixture.file}`, async () => {
        it(`reads with no issues and yields at least ${minRecords} valid records`, async () => {
          const run = await runConnector(connector, fixture);
          expect(run.issues.map(formatRowIssue)).toEqual([]);
          expect(run.records.length).toBeGreaterThanOrEqual(minRecords);
          for (const record of run.records) sourceRecordSchema.parse(record);
        });

        it('normalizes purely and emits declared facts, right kinds, no personal data', async () => {
          const { rows } = await readRows(connector, fixture);
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) {
            const first = connector.normalize(deepFreeze(structuredClone(row)));
            const second = connector.normalize(deepFreeze(structuredClone(row)));
            expect(second, `line ${row.line} is deterministic`).toEqual(first);
            const personal = personalValues(connector, row);
            for (const record of first.records) checkRecord(connector, declared, record, personal);
          }
        });

        const cases = await corruptionCases(connector, fixture, options.dateColumns);
        for (const { title, code, corruption } of cases) {
          it(title, () => expectRejected(corruption, connector, code));
        }
      });
    }

    const truncated = await truncatedXlsx(connector, options.fixtures);
    if (truncated) {
      it('rejects a truncated XLSX (bad_file)', () =>
        expectRejected(truncated, connector, 'bad_file'));
    }
  });
}

function checkRecord(
  connector: Connector,
  declared: ReadonlyMap<string, FactDeclaration>,
  record: SourceRecord,
  personal: ReadonlySet<string>,
): void {
  const where = `line ${record.line}`;
  for (const [id, value] of Object.entries(record.facts)) {
    const decl = declared.get(id);
    expect(decl, `${where}: fact ${id} is declared`).toBeDefined();
    if (decl) expect(factProblem(decl, value), where).toBeUndefined();
    if (typeof value === 'string') {
      expect(personal.has(value), `${where}: fact ${id} holds personal data`).toBe(false);
    }
  }
  for (const [key, value] of Object.entries(record.context)) {
    if (typeof value === 'string') {
      expect(personal.has(value), `${where}: context ${key} holds personal data`).toBe(false);
    }
  }
  if (connector.roster) {
    expect(record.kind, where).toBe('person');
    expect(record.identity.residentNumber, `${where}: residentNumber`).toBeTruthy();
    expect(record.identity.name, `${where}: name`).toBeTruthy();
    expect(record.identity.birthDate, `${where}: birthDate`).toBeTruthy();
  } else {
    expect(record.kind, where).toBe('observation');
  }
}
