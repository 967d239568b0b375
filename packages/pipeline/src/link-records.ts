import {
  listPersonKeys,
  loadLinkDecisions,
  readRosterVersion,
  type Db,
  type PersonKeys,
  type RecordInput,
} from '@mimamori/db';
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

function rosterEntry(p: PersonKeys): RosterEntry {
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

/**
 * The roster index per database handle, with the roster version it was built at: indexing every
 * person is most of the cost of linking a file, and the roster changes far less often than files
 * arrive. The version is read from the database, so another process's roster import is seen.
 */
const rosterIndexes = new WeakMap<
  Db,
  { version: string; index: RosterIndex | null; entries: readonly RosterEntry[] }
>();

async function rosterIndex(db: Db): Promise<RosterIndex> {
  // Read the version before the persons: a roster written in between only causes a rebuild.
  const version = await readRosterVersion(db);
  const cached = rosterIndexes.get(db);
  if (cached?.version === version) {
    cached.index ??= indexRoster(cached.entries, { folded: true });
    return cached.index;
  }
  const index = indexRoster((await listPersonKeys(db)).map(rosterEntry), { folded: true });
  rosterIndexes.set(db, { version, index, entries: [] });
  return index;
}

/**
 * After a roster import commits: when the persons it wrote are the whole stored roster, the next
 * import indexes them from memory instead of reading every person back. `version` is the roster
 * version read inside the import's transaction, after its writes (no other writer could change
 * the roster in between; any later change moves the version on).
 * @example rememberRoster(db, versionInTransaction, roster.persons);
 */
export function rememberRoster(db: Db, version: string, persons: readonly PersonKeys[]): void {
  // The version ends with the stored persons' count: equal to the persons just upserted means
  // the stored roster is exactly these persons.
  if (!version.endsWith(`:${String(persons.length)}`)) return;
  rosterIndexes.set(db, { version, index: null, entries: persons.map(rosterEntry) });
}

/** The index of a roster about to be stored (its persons are the whole roster once it commits). */
const pendingIndexes = new WeakMap<readonly PersonKeys[], RosterIndex>();

function pendingIndex(persons: readonly PersonKeys[]): RosterIndex {
  let index = pendingIndexes.get(persons);
  if (index === undefined) {
    index = indexRoster(persons.map(rosterEntry), { folded: true });
    pendingIndexes.set(persons, index);
  }
  return index;
}

/**
 * A linker with staff decisions applied first, over the stored roster, or over `roster` when
 * given: the persons of a roster import that has not committed yet (a multi-file import links the
 * next files while the roster is being stored, and checks the link version before storing them).
 */
export async function loadLinker(db: Db, roster?: readonly PersonKeys[]): Promise<LoadedLinker> {
  const index = roster ? pendingIndex(roster) : await rosterIndex(db);
  const decisions = new Map<string, LinkDecision>();
  for (const d of (await loadLinkDecisions(db)).values()) {
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
): RecordInput {
  report.total += 1;
  const identity = { value: record.identity, key };
  const { line, kind, facts, context } = record;
  const factsJson = JSON.stringify(facts);
  if (result.status === 'linked') {
    report.linked[result.method] = (report.linked[result.method] ?? 0) + 1;
    return {
      line,
      kind,
      facts,
      factsJson,
      context,
      identity,
      childId: result.childId,
      linkStatus: 'linked',
      linkMethod: result.method,
      linkConfidence: result.confidence,
    };
  }
  let linkStatus: RecordInput['linkStatus'] = 'unmatched';
  let linkMethod: string | null = null;
  if (result.status === 'ambiguous') {
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
  return {
    line,
    kind,
    facts,
    factsJson,
    context,
    identity,
    childId: null,
    linkStatus,
    linkMethod,
    linkConfidence: null,
  };
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
  roster?: readonly PersonKeys[],
): Promise<{ records: RecordInput[]; report: LinkageReport } | null> {
  const linker = await loadLinker(db, roster);
  if (linker.size === 0) return null;
  const report = emptyReport();
  const linked = records.map(function linkOne(record) {
    const key = linker.key(record);
    return toRecordInput(record, linker.link(record, key), report, key);
  });
  return { records: linked, report };
}
