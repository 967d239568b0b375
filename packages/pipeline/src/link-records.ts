import {
  listPersonKeys,
  loadLinkDecisions,
  readRosterVersion,
  recordFactsText,
  type Db,
  type PersonKeys,
  type RecordInput,
} from '@mimamori/db';
import { nextTurn, rowsPerTurn } from '@mimamori/connector-kit';
import { indexRoster, type RosterIndex } from '@mimamori/identity';
import type { SourceRecord } from '@mimamori/records';
import {
  emptyReport,
  linkerOver,
  pendingIndex,
  rosterEntry,
  toRecordInput,
  type LinkageReport,
  type LoadedLinker,
} from './linker-core';

export {
  emptyReport,
  rosterLinker,
  toRecordInput,
  type LinkageReport,
  type LoadedLinker,
  type StoredLinkDecision,
} from './linker-core';

/**
 * The roster index per database handle, with the roster version it was built at: indexing every
 * person is most of the cost of linking a file, and the roster changes far less often than files
 * arrive. The version is read from the database, so another process's roster import is seen.
 */
const rosterIndexes = new WeakMap<
  Db,
  { version: string; index: RosterIndex | null; persons: readonly PersonKeys[] }
>();

async function rosterIndex(db: Db): Promise<RosterIndex> {
  // Read the version before the persons: a roster written in between only causes a rebuild.
  const version = await readRosterVersion(db);
  const cached = rosterIndexes.get(db);
  if (cached?.version === version) {
    cached.index ??= pendingIndex(cached.persons);
    return cached.index;
  }
  const index = indexRoster((await listPersonKeys(db)).map(rosterEntry), { folded: true });
  rosterIndexes.set(db, { version, index, persons: [] });
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
  // Indexed only when a later import links against it (the same index as while it was pending).
  rosterIndexes.set(db, { version, index: null, persons });
}

/**
 * A linker with staff decisions applied first, over the stored roster, or over `roster` when
 * given: the persons of a roster import that has not committed yet (a multi-file import links the
 * next files while the roster is being stored, and checks the link version before storing them).
 */
export async function loadLinker(db: Db, roster?: readonly PersonKeys[]): Promise<LoadedLinker> {
  const index = roster ? pendingIndex(roster) : await rosterIndex(db);
  return linkerOver(index, (await loadLinkDecisions(db)).values());
}

/**
 * Links every record of a non-roster import to one roster child; `null` when there is no roster.
 * @example const { records, report } = (await linkRecords(db, parsed))!;
 */
export async function linkRecords(
  db: Db,
  records: readonly SourceRecord[],
  roster?: readonly PersonKeys[],
  /** The batch's fact names: each record's facts text is made against them (recordFactsText). */
  factNames: readonly string[] | null = null,
): Promise<{ records: RecordInput[]; report: LinkageReport } | null> {
  const linker = await loadLinker(db, roster);
  if (linker.size === 0) return null;
  const report = emptyReport();
  const linked: RecordInput[] = [];
  for (let i = 0; i < records.length; i++) {
    if (i % rowsPerTurn === rowsPerTurn - 1) await nextTurn();
    const record = records[i] as SourceRecord;
    const key = linker.key(record);
    const factsJson = recordFactsText(factNames, record.facts);
    linked.push(toRecordInput(record, linker.link(record, key), report, key, factsJson));
  }
  return { records: linked, report };
}
