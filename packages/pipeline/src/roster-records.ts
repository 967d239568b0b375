import type { Connector, RawRow } from '@mimamori/connector-kit';
import type { ChildInput, PersonInput, RecordInput } from '@mimamori/db';
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
  const at = (): { file: string; column: number } => ({
    file: where?.file ?? connector.name,
    column: where?.columns['residentNumber'] ?? 0,
  });
  const numbers = new Float64Array(records.length);
  let count = 0;
  const issues: RowIssue[] = [];
  for (const record of records) {
    if (record.kind !== 'person') continue;
    const rn = record.identity.residentNumber;
    if (rn === undefined || !isValidResidentNumber(rn))
      issues.push(badCheckDigit(at(), record.line));
    else numbers[count++] = Number(rn); // 10 digits: exact, and distinct for distinct numbers
  }
  // Repeats are found by sorting the numbers (cheaper than a map of 200,000 strings); only a file
  // where one repeats is gone through again for the lines.
  const sorted = numbers.subarray(0, count).sort();
  let repeats = false;
  for (let i = 1; i < count && !repeats; i++) repeats = sorted[i] === sorted[i - 1];
  if (!repeats) return issues;
  issues.length = 0;
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.kind !== 'person') continue;
    const rn = record.identity.residentNumber;
    if (rn === undefined || !isValidResidentNumber(rn)) {
      issues.push(badCheckDigit(at(), record.line));
      continue;
    }
    const first = seen.get(rn);
    if (first !== undefined) {
      const { file, column } = at();
      issues.push({
        file,
        line: record.line,
        column,
        code: 'bad_format',
        field: 'residentNumber',
        message: `resident number repeats the one on line ${first}`,
      });
    } else seen.set(rn, record.line);
  }
  return issues;
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

/**
 * Children, persons and self-linked records from a validated roster file. Only residents whose
 * age on `asOf` lies in the context's age range become children (the roster lists whole
 * households); the others are counted, not stored.
 */
export function buildRosterRows(
  ctx: PipelineContext,
  records: readonly SourceRecord[],
): {
  children: ChildInput[];
  persons: PersonInput[];
  records: RecordInput[];
  report: LinkageReport;
  outsideAgeRange: number;
} {
  const children: ChildInput[] = [];
  const persons: PersonInput[] = [];
  const out: RecordInput[] = [];
  let outsideAgeRange = 0;
  for (const record of records) {
    const id = record.identity;
    if (record.kind !== 'person' || !id.residentNumber || !id.birthDate || !id.name) continue;
    // Born after the reference date (a judgement as of an earlier day): not a child yet then.
    const age = id.birthDate > ctx.asOf ? -1 : ageOn(id.birthDate, ctx.asOf);
    if (age < ctx.ageRange[0] || age > ctx.ageRange[1]) {
      outsideAgeRange += 1;
      continue;
    }
    const childId = ctx.pseudonymize(id.residentNumber);
    const sex = id.sex ?? 0;
    children.push({ id: childId, sex, age, school: null, grade: null, nursery: null });
    persons.push({
      childId,
      residentNumber: id.residentNumber,
      householdNumber: id.householdNumber ?? null,
      name: id.name,
      nameKey: foldName(id.name),
      kana: id.kana ?? null,
      kanaKey: id.kana ? foldKana(id.kana) : null,
      birthDate: id.birthDate,
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
      factsJson: JSON.stringify(record.facts),
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
