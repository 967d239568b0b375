import type { LinkDecision as StoredLinkDecision, PersonKeys, RecordInput } from '@mimamori/db';
import {
  createLinker,
  identityKey,
  indexRoster,
  type LinkDecision,
  type LinkResult,
  type RosterEntry,
  type RosterIndex,
} from '@mimamori/identity';
import type { SourceRecord } from '@mimamori/records';

// The parts of linking that need no database: a worker thread loads this module alone (the db
// package's index would pull in its drivers).

export type { StoredLinkDecision };

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

/** A linker over the stored roster; `key` is the record's identity key (computed once). */
export interface LoadedLinker {
  link: (r: SourceRecord, key?: string) => LinkResult;
  key: (r: SourceRecord) => string;
  /** The roster lists the record's person for sure (a `new` decision would not hold). */
  listed: (r: SourceRecord) => boolean;
  size: number;
}

export function rosterEntry(p: PersonKeys): RosterEntry {
  const entry: RosterEntry = {
    childId: p.childId,
    residentNumber: p.residentNumber,
    name: p.nameKey,
    birthDate: p.birthDate,
  };
  if (p.householdNumber !== null) entry.householdNumber = p.householdNumber;
  if (p.kanaKey !== null) entry.kana = p.kanaKey;
  if (p.sex === 1 || p.sex === 2) entry.sex = p.sex;
  return entry;
}

/** The index of a roster about to be stored (its persons are the whole roster once it commits). */
const pendingIndexes = new WeakMap<readonly PersonKeys[], RosterIndex>();

export function pendingIndex(persons: readonly PersonKeys[]): RosterIndex {
  let index = pendingIndexes.get(persons);
  if (index === undefined) {
    index = indexRoster(persons.map(rosterEntry), { folded: true });
    pendingIndexes.set(persons, index);
  }
  return index;
}

/**
 * A linker over the persons of a roster (not read from the database) and the given decisions:
 * what a worker thread links with (importFiles).
 */
export function rosterLinker(
  persons: readonly PersonKeys[],
  decisions: Iterable<StoredLinkDecision>,
): LoadedLinker {
  return linkerOver(pendingIndex(persons), decisions);
}

export function linkerOver(index: RosterIndex, stored: Iterable<StoredLinkDecision>): LoadedLinker {
  const decisions = new Map<string, LinkDecision>();
  for (const d of stored) {
    if (d.kind === 'new') decisions.set(d.identityKey, { newPerson: true });
    else if (d.rejected) decisions.set(d.identityKey, { reject: true });
    else if (d.childId !== null) decisions.set(d.identityKey, { childId: d.childId });
  }
  const linker = createLinker(index, { decisions });
  return {
    link: (r, key) => linker.link(r.identity, key),
    key: (r) => linker.key(r.identity),
    listed: (r) => linker.listed(r.identity),
    size: index.size,
  };
}

/** Turns one link result into the stored record's link fields and counts it in the report. */
export function toRecordInput(
  record: SourceRecord,
  result: LinkResult,
  report: LinkageReport,
  key: string = identityKey(record.identity),
  factsJson: string = JSON.stringify(record.facts),
): RecordInput {
  report.total += 1;
  let childId: string | null = null;
  let linkStatus: RecordInput['linkStatus'] = 'unmatched';
  let linkMethod: string | null = null;
  let linkConfidence: number | null = null;
  if (result.status === 'linked') {
    report.linked[result.method] = (report.linked[result.method] ?? 0) + 1;
    childId = result.childId;
    linkStatus = 'linked';
    linkMethod = result.method;
    linkConfidence = result.confidence;
  } else if (result.status === 'ambiguous') {
    report.ambiguous += 1;
    linkStatus = 'ambiguous';
  } else if (result.reason === 'rejected' || result.reason === 'new-person') {
    // Decided by staff: out of the review queue. The method tells exclusion from a new person.
    report.rejected += 1;
    linkStatus = 'rejected';
    linkMethod = result.reason === 'rejected' ? 'manual' : 'new-person';
  } else {
    report.unmatched += 1;
    linkMethod = result.reason;
  }
  // One object literal of one shape for every record (hundreds of thousands per import).
  return {
    line: record.line,
    kind: record.kind,
    facts: record.facts,
    factsJson,
    context: record.context,
    identity: { value: record.identity, key },
    childId,
    linkStatus,
    linkMethod,
    linkConfidence,
  };
}

/** An empty report. */
export function emptyReport(): LinkageReport {
  return { total: 0, linked: {}, ambiguous: 0, unmatched: 0, rejected: 0 };
}
