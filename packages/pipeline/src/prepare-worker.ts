// The body of the thread that reads, validates and links files for importFiles (started by
// prepare-thread.ts). Files arrive first (reading needs nothing else); linking waits for the
// roster they link against. Every answer carries counts, issues and records packed; no cell
// value is logged.
import { createHash } from 'node:crypto';
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { Connector } from '@mimamori/connector-kit';
import type { PersonKeys } from '@mimamori/db';
import {
  ValuePacker,
  keyOrder,
  packValues,
  packedBuffers,
  rankOrder,
  recordFactsText,
  recordTextsPart,
  stagePart,
  stageRows,
  stagedRecordFields,
} from '@mimamori/db/pure';
import type { LinkStatus, RecordInput } from '@mimamori/db';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import { emptyReport, rosterLinker, toRecordInput, type StoredLinkDecision } from './linker-core';
import { inOrder, readRecords } from './read-records';
import { mergeLinked } from './merge-linked';
import { factNamesOf } from './fact-names';
import {
  unpackPersonKeys,
  type FileJob,
  type FileAnswer,
  type RosterJob,
  type RosterOrderJob,
  type StagedAnswer,
} from './prepare-thread';

const port = parentPort;
if (port === null) throw new Error('prepare-worker runs as a worker thread');

type Roster = { persons: PersonKeys[]; decisions: StoredLinkDecision[] } | null;

/**
 * Child id → its rank in code-unit order, from the order the importer sorted the persons in
 * (sent after them); null if that order is unknown or an id repeats (never in a stored roster):
 * records are then sorted by their ids.
 */
function ranksOf(
  persons: readonly PersonKeys[],
  order: RosterOrderJob['order'],
): Map<string, number> | null {
  if (order === null) return null;
  const ranks = new Map<string, number>();
  for (let k = 0; k < persons.length; k++) {
    const p = persons[order === 'sorted' ? k : (order[k] as number)];
    if (p !== undefined) ranks.set(p.childId, k);
  }
  return ranks.size === persons.length ? ranks : null;
}

/** Resolved with the ranks of the roster's child ids (null: sort by id). */
let ranksReady: (ranks: Map<string, number> | null) => void = () => undefined;
const rosterRanks = new Promise<Map<string, number> | null>((resolve) => {
  ranksReady = resolve;
});

/** Resolved with the roster to link against (null: none; the files are answered unlinked). */
let rosterReady: (roster: Roster) => void = () => undefined;
const roster = new Promise<Roster>((resolve) => {
  rosterReady = resolve;
});

async function connectorOf(job: FileJob): Promise<Connector> {
  const module = (await import(job.module)) as Record<string, unknown>;
  for (const value of Object.values(module)) {
    const c = value as Partial<Connector> | null;
    if (c !== null && typeof c === 'object' && c.name === job.connector && c.normalize) {
      return c as Connector;
    }
  }
  throw new Error(`module does not export the connector '${job.connector}'`);
}

/**
 * A file read and validated, with everything that does not depend on the roster already done
 * (hash, counts, each record's JSON texts): the roster arrives after the files, and what is
 * done before it costs the import nothing.
 */
interface Read extends Awaited<ReturnType<typeof readRecords>> {
  job: FileJob;
  fileHash: string;
  /**
   * Per record, in file order: its facts, identity and context as JSON; empty when they were
   * staged on the writer thread already ({@link stageTexts}).
   */
  texts: { facts: string[]; identity: string[]; context: string[] };
  /** The texts were staged on the writer thread: the linked rows are staged there too. */
  staged: boolean;
}

/** Where the facts' text of a record whose texts were staged would be: on the writer thread. */
const factsStaged = '';

async function read(job: FileJob): Promise<Read> {
  const connector = await connectorOf(job);
  const result = await readRecords(
    connector,
    { file: job.file, bytes: job.bytes },
    new Map(job.gaiji),
    () => undefined,
  );
  const valid = result.issues.length === 0;
  const staged = valid && job.stage !== undefined && staging !== null;
  const factNames = factNamesOf(connector);
  if (staged) stageTexts(staging as MessagePort, job.stage as string, result.records, factNames);
  return {
    job,
    ...result,
    fileHash: createHash('sha256').update(job.bytes).digest('hex'),
    texts:
      valid && !staged ? jsonTexts(result, factNames) : { facts: [], identity: [], context: [] },
    staged,
  };
}

/**
 * Stages the records' texts (stagedRecordTexts, in file order) on the writer thread as soon as
 * the file is read: packed while they are new, they are never kept (nor collected as old
 * objects) here, and linking only sends the short values that depend on the roster.
 */
function stageTexts(
  port: MessagePort,
  stage: string,
  records: readonly SourceRecord[],
  factNames: readonly string[],
): void {
  const values = new ValuePacker(records.length * 3);
  for (const r of records) {
    values.add(recordFactsText(factNames, r.facts));
    values.add(contextJson(r.context));
    values.add(JSON.stringify(r.identity));
  }
  stageRows(port, stagePart(stage, recordTextsPart), 3, values.packed());
}

function jsonTexts(
  { records }: Awaited<ReturnType<typeof readRecords>>,
  factNames: readonly string[],
): Read['texts'] {
  const texts: Read['texts'] = { facts: [], identity: [], context: [] };
  for (const r of records) {
    texts.facts.push(recordFactsText(factNames, r.facts));
    texts.identity.push(JSON.stringify(r.identity));
    texts.context.push(contextJson(r.context));
  }
  return texts;
}

/** A context as JSON; most records carry none. */
function contextJson(context: object): string {
  for (const _ in context) return JSON.stringify(context);
  return '{}';
}

async function link(read: Read): Promise<FileAnswer> {
  const { job, texts } = read;
  const base = {
    id: job.id,
    fileHash: read.fileHash,
    rowCount: read.rowCount,
    recordCount: read.recordCount,
    encoding: read.encoding,
    gaijiMapped: read.gaijiMapped,
    fieldCounts: read.fieldCounts,
  };
  if (read.issues.length > 0) return { ...base, issues: read.issues };
  const against = await roster;
  if (against === null) return { ...base, issues: [] as RowIssue[], unlinked: true };
  const linker = rosterLinker(against.persons, against.decisions);
  if (linker.size === 0) return { ...base, issues: [], unlinked: true };
  const report = emptyReport();
  let linked = read.records.map((record, i) => {
    const key = linker.key(record);
    return toRecordInput(
      record,
      linker.link(record, key),
      report,
      key,
      texts.facts[i] ?? factsStaged,
    );
  });
  const ids = linked.map((r) => r.childId);
  const ranks = await rosterRanks;
  const ranked = ranks === null ? undefined : rankOrder(ids, ranks);
  const order = ranked === undefined ? keyOrder(ids) : ranked;
  if (order !== null) linked = inOrder(linked, order);
  // One row of values per record: staged, stagedRecordFields (the texts were staged apart, see
  // stageTexts); sent back, the 11 values prepare-thread.ts reads, texts included.
  const { staged } = read;
  const values = new ValuePacker(linked.length * (staged ? stagedRecordFields.length : 11));
  for (const [k, r] of linked.entries()) {
    const at = r.seq ?? k;
    values.add(at);
    values.add(r.line);
    values.add(r.kind);
    values.add(r.childId);
    values.add(r.linkStatus);
    values.add(r.linkMethod);
    values.add(r.linkConfidence);
    if (!staged) {
      values.add(r.factsJson);
      values.add(texts.context[at] ?? '{}');
      // Every record of a linked (non-roster) file carries its identity.
      values.add(texts.identity[at] ?? '{}');
    }
    values.add(r.identity?.key ?? '');
  }
  if (staged && job.stage !== undefined && staging !== null) {
    stageRows(staging, job.stage, stagedRecordFields.length, values.packed());
    // Linked records are in child order (sorted above): merged without checking again.
    return { ...base, issues: [], report, staged: stagedAnswer(job.stage, linked, true) };
  }
  return { ...base, issues: [], report, records: values.packed() };
}

/** What the importer needs of records it does not receive: counts and the merged children. */
function stagedAnswer(
  stage: string,
  linked: readonly RecordInput[],
  inChildOrder: boolean,
): StagedAnswer {
  const counts: Record<LinkStatus, number> = { linked: 0, ambiguous: 0, unmatched: 0, rejected: 0 };
  for (const r of linked) counts[r.linkStatus] += 1;
  const merged = mergeLinked(linked, inChildOrder);
  const withContext = merged.owned.size > 0;
  const children: unknown[] = [];
  for (const c of merged.children) {
    const copied = c.factsJson !== undefined;
    if (copied && !withContext) continue;
    children.push(
      c.id,
      copied ? null : JSON.stringify(c.facts),
      c.context.school ?? null,
      c.context.grade ?? null,
      c.context.nursery ?? null,
    );
  }
  return {
    records: { stage, count: linked.length, counts },
    owned: [...merged.owned],
    children: packValues(children),
  };
}

// Files are read one after another as they arrive (reading needs no roster), and linked one
// after another in the same order once the roster is known: the importer takes them in order.
let reading: Promise<unknown> = Promise.resolve();
let linking: Promise<unknown> = Promise.resolve();
/** Where linked records are staged, when the importer stores through a SQLite writer thread. */
let staging: MessagePort | null = null;

/** The roster's persons once they arrived (their order comes after them). */
let rosterPersons: PersonKeys[] | null = null;

type Message = FileJob | RosterJob | RosterOrderJob | { type: 'staging'; port: MessagePort };

port.on('message', (message: Message) => {
  if (message.type === 'staging') {
    staging = message.port;
    return;
  }
  if (message.type === 'roster') {
    const r = message.roster;
    rosterPersons = r && unpackPersonKeys(r.persons);
    rosterReady(r && rosterPersons && { persons: rosterPersons, decisions: r.decisions });
    if (rosterPersons === null || !message.orderFollows) ranksReady(null);
    return;
  }
  if (message.type === 'roster-order') {
    ranksReady(rosterPersons && ranksOf(rosterPersons, message.order));
    return;
  }
  const done = reading.then(() => read(message));
  reading = done.catch(() => undefined);
  linking = linking.then(async () => {
    try {
      const answer = await link(await done);
      const packed = answer.records ?? answer.staged?.children;
      port.postMessage(answer, packed ? packedBuffers(packed) : []);
    } catch (error) {
      port.postMessage({ id: message.id, failed: String((error as Error).message) });
    }
  });
});

export type { PersonKeys, StoredLinkDecision };
