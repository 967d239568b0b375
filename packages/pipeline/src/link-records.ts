import { listPersonKeys, loadLinkDecisions, type Db, type RecordInput } from '@mimamori/db';
import { createLinker, identityKey, type LinkResult } from '@mimamori/identity';
import type { SourceRecord } from '@mimamori/records';

/** How the records of one import (or a re-link) were linked. */
export interface LinkageReport {
  total: number;
  /** Linked records by method (resident-number, name-birth, …, manual). */
  linked: Record<string, number>;
  ambiguous: number;
  unmatched: number;
  /** Records staff decided belong to no roster child. */
  rejected: number;
}

/** A linker over the stored roster, with staff decisions applied first. */
export async function loadLinker(db: Db): Promise<{ link: (r: SourceRecord) => LinkResult; size: number }> {
  const persons = await listPersonKeys(db);
  const decisions = new Map<string, { childId: string } | { reject: true }>();
  for (const d of (await loadLinkDecisions(db)).values()) {
    if (d.rejected) decisions.set(d.identityKey, { reject: true });
    else if (d.childId !== null) decisions.set(d.identityKey, { childId: d.childId });
  }
  const linker = createLinker(
    persons.map((p) => ({
      childId: p.childId,
      residentNumber: p.residentNumber,
      ...(p.householdNumber !== null ? { householdNumber: p.householdNumber } : {}),
      name: p.nameKey,
      ...(p.kanaKey !== null ? { kana: p.kanaKey } : {}),
      birthDate: p.birthDate,
      ...(p.sex === 1 || p.sex === 2 ? { sex: p.sex } : {}),
    })),
    { decisions },
  );
  return { link: (r) => linker.link(r.identity), size: persons.length };
}

/** Turns one link result into the stored record's link fields and counts it in the report. */
export function toRecordInput(record: SourceRecord, result: LinkResult, report: LinkageReport): RecordInput {
  report.total += 1;
  const base = {
    line: record.line,
    kind: record.kind,
    facts: record.facts,
    context: record.context,
    identity: { value: record.identity, key: identityKey(record.identity) },
  };
  if (result.status === 'linked') {
    report.linked[result.method] = (report.linked[result.method] ?? 0) + 1;
    return { ...base, childId: result.childId, linkStatus: 'linked', linkMethod: result.method, linkConfidence: result.confidence };
  }
  if (result.status === 'ambiguous') {
    report.ambiguous += 1;
    return { ...base, childId: null, linkStatus: 'ambiguous', linkMethod: null, linkConfidence: null };
  }
  if (result.reason === 'rejected') {
    report.rejected += 1;
    return { ...base, childId: null, linkStatus: 'rejected', linkMethod: 'manual', linkConfidence: null };
  }
  report.unmatched += 1;
  return { ...base, childId: null, linkStatus: 'unmatched', linkMethod: result.reason, linkConfidence: null };
}

/** An empty report. */
export function emptyReport(): LinkageReport {
  return { total: 0, linked: {}, ambiguous: 0, unmatched: 0, rejected: 0 };
}

/**
 * Links every record of a non-roster import to one roster child; `null` when there is no roster.
 * @example const { records, report } = (await linkRecords(db, parsed))!;
 */
export async function linkRecords(
  db: Db,
  records: readonly SourceRecord[],
): Promise<{ records: RecordInput[]; report: LinkageReport } | null> {
  const linker = await loadLinker(db);
  if (linker.size === 0) return null;
  const report = emptyReport();
  return { records: records.map((r) => toRecordInput(r, linker.link(r), report)), report };
}
