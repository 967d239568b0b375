import { nextTurn, rowsPerTurn, type Connector, type RawRow } from '@mimamori/connector-kit';
import type { ChildInput, PersonInput, RecordInput } from '@mimamori/db';
import { recordFactsText } from '@mimamori/db/pure';
import { ageOn, foldKana, foldName, isValidResidentNumber } from '@mimamori/identity';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import type { PipelineContext } from './context';
import type { LinkageReport } from './link-records';

/**
 * Roster-only checks: valid resident numbers (check digit) and no duplicates in the file. `where`:
 * the file and column numbers of the rows the records came from (every row of a file shares them).
 */
export function validateRosterRecords(
  connector: Connector,
  where: Pick<RawRow, 'file' | 'columns'> | undefined,
  records: readonly SourceRecord[],
): RowIssue[] {
  const checker = rosterChecker(connector);
  for (const record of records) checker.add(record);
  return checker.issues(where);
}

/**
 * {@link validateRosterRecords} record by record, as a file is read: it keeps each person's
 * number and line only, so the records themselves need not all be kept.
 * @example const check = rosterChecker(roster); check.add(record); … check.issues(where);
 */
export function rosterChecker(connector: Connector): {
  add: (record: SourceRecord) => void;
  issues: (where: Pick<RawRow, 'file' | 'columns'> | undefined) => RowIssue[];
} {
  // Per person record, in file order: its number (NaN: not a valid one) and its line.
  const numbers: number[] = [];
  const lines: number[] = [];
  return {
    add: (record) => {
      if (record.kind !== 'person') return;
      const rn = record.identity.residentNumber;
      // 10 digits: exact as a number, and distinct for distinct numbers.
      numbers.push(rn !== undefined && isValidResidentNumber(rn) ? Number(rn) : NaN);
      lines.push(record.line);
    },
    issues: (where) => {
      const at = {
        file: where?.file ?? connector.name,
        column: where?.columns['residentNumber'] ?? 0,
      };
      // Repeats are found by sorting the numbers (cheaper than a map of 200,000 of them); only a
      // file where one repeats is gone through again for the lines.
      const sorted = Float64Array.from(numbers).sort();
      let repeats = false;
      for (let i = 1; i < sorted.length && !repeats; i++) repeats = sorted[i] === sorted[i - 1];
      const issues: RowIssue[] = [];
      const seen = repeats ? new Map<number, number>() : null;
      for (let k = 0; k < numbers.length; k++) {
        const n = numbers[k] as number;
        const line = lines[k] as number;
        if (Number.isNaN(n)) {
          issues.push(badCheckDigit(at, line));
          continue;
        }
        const first = seen?.get(n);
        if (first !== undefined) {
          issues.push({
            ...at,
            line,
            code: 'bad_format',
            field: 'residentNumber',
            message: `resident number repeats the one on line ${first}`,
          });
        } else seen?.set(n, line);
      }
      return issues;
    },
  };
}

/**
 * A roster record's age on `asOf` when it becomes a child (a person with number, name and birth
 * date, of a judged age); `outside` for a resident of another age (counted, not stored); `skip`
 * for anything else.
 */
export function rosterAge(ctx: PipelineContext, record: SourceRecord): number | 'outside' | 'skip' {
  const id = record.identity;
  if (record.kind !== 'person' || !id.residentNumber || !id.birthDate || !id.name) return 'skip';
  // Born after the reference date (a judgement as of an earlier day): not a child yet then.
  const age = id.birthDate > ctx.asOf ? -1 : ageOn(id.birthDate, ctx.asOf);
  return age < ctx.ageRange[0] || age > ctx.ageRange[1] ? 'outside' : age;
}

function badCheckDigit(where: { file: string; column: number }, line: number): RowIssue {
  return {
    ...where,
    line,
    code: 'bad_check_digit',
    field: 'residentNumber',
    message: 'expected a 10-digit resident number with a valid modulus-11 check digit',
  };
}

/** What a roster file stores: see {@link buildRosterRows}. */
export interface RosterRows {
  children: ChildInput[];
  persons: PersonInput[];
  records: RecordInput[];
  report: LinkageReport;
  outsideAgeRange: number;
}

/**
 * Children, persons and self-linked records from a validated roster file. Only residents whose
 * age on `asOf` lies in the context's age range become children (the roster lists whole
 * households); the others are counted, not stored.
 */
export async function buildRosterRows(
  ctx: PipelineContext,
  records: readonly SourceRecord[],
  /** The batch's fact names (see recordFactsText). */
  factNames: readonly string[] | null,
): Promise<RosterRows> {
  const children: ChildInput[] = [];
  const persons: PersonInput[] = [];
  const out: RecordInput[] = [];
  let outsideAgeRange = 0;
  for (let i = 0; i < records.length; i++) {
    if (i % rowsPerTurn === rowsPerTurn - 1) await nextTurn();
    const record = records[i] as SourceRecord;
    const age = rosterAge(ctx, record);
    if (age === 'skip') continue;
    if (age === 'outside') {
      outsideAgeRange += 1;
      continue;
    }
    // rosterAge saw the number, name and birth date.
    const id = record.identity;
    const residentNumber = id.residentNumber ?? '';
    const name = id.name ?? '';
    const birthDate = id.birthDate ?? '';
    const childId = ctx.pseudonymize(residentNumber);
    const sex = id.sex ?? 0;
    children.push({ id: childId, sex, age, school: null, grade: null, nursery: null });
    persons.push({
      childId,
      residentNumber,
      householdNumber: id.householdNumber ?? null,
      name,
      nameKey: foldName(name),
      kana: id.kana ?? null,
      kanaKey: id.kana ? foldKana(id.kana) : null,
      birthDate,
      sex,
      relation: id.relation ?? null,
      address: id.address ?? null,
      dvSupport: id.dvSupport ?? false,
    });
    out.push({
      line: record.line,
      kind: 'person',
      childId,
      linkStatus: 'linked',
      linkMethod: 'roster',
      linkConfidence: 1,
      facts: record.facts,
      factsJson: recordFactsText(factNames, record.facts),
      context: record.context,
    });
  }
  const report: LinkageReport = {
    total: out.length,
    linked: { roster: out.length },
    ambiguous: 0,
    unmatched: 0,
    rejected: 0,
  };
  return { children, persons, records: out, report, outsideAgeRange };
}
