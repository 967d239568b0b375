import { createHash } from 'node:crypto';
import { readRows, type Connector } from '@mimamori/connector-kit';
import {
  DbError,
  findBatchByHash,
  incrementCounter,
  insertBatch,
  keyOrder,
  listGaiji,
  lockLinkage,
  readLinkageVersion,
  readRosterVersion,
  type ChildInput,
  type PersonInput,
  type PersonKeys,
  type RecordInput,
  writeBehind,
} from '@mimamori/db';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import { applyGaijiToRows } from './gaiji-rows';
import { buildRosterRows, validateRosterRecords } from './roster-records';
import { linkRecords, rememberRoster, type LinkageReport } from './link-records';
import { applyBatchToChildren } from './derive-facts';
import { recordRosterAsOf } from './as-of';
import { auditAs, type PipelineContext } from './context';

/** What one import (or dry run) reports. Counts only: no cell values. */
export interface ImportSummary {
  connector: string;
  connectorVersion: string;
  file: string;
  fileHash: string;
  encoding: string;
  rows: number;
  records: number;
  fieldCounts: Record<string, number>;
  gaijiMapped: number;
  /** Roster only: residents outside the judged age range (not stored as children). */
  outsideAgeRange: number;
  linkage: LinkageReport | null;
}

/** The outcome of an import: all-or-nothing. */
export type ImportOutcome =
  | { ok: true; dryRun: boolean; batchId: string | null; summary: ImportSummary }
  | { ok: false; issues: RowIssue[]; summary: ImportSummary | null };

/** Options for {@link importFile}. */
export interface ImportOptions {
  connector: Connector;
  /** File name as shown in issues (`file:line:column`). */
  file: string;
  bytes: Uint8Array;
  dryRun?: boolean;
  /**
   * Progress callback (phase name and fraction 0–1), e.g. for SSE. A returned promise is awaited
   * before the import goes on.
   */
  onProgress?: (
    phase: 'read' | 'validate' | 'link' | 'store' | 'done',
    fraction: number,
  ) => void | Promise<void>;
}

/** Records in `order`, each keeping its file position in `seq`. */
function inOrder(records: readonly RecordInput[], order: readonly number[]): RecordInput[] {
  return order.map((i) => Object.assign(records[i] as RecordInput, { seq: i }));
}

function byPosition(a: RowIssue, b: RowIssue): number {
  return a.line - b.line || a.column - b.column;
}

function countFields(records: readonly SourceRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    // for…in, not Object.entries: no pair arrays for every fact of every record.
    for (const k in r.facts) if (r.facts[k] !== null) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Reads, maps 外字 and normalises every row; returns the records and every issue. */
async function readRecords(
  connector: Connector,
  input: { file: string; bytes: Uint8Array },
  gaijiTable: ReadonlyMap<string, string>,
  validating: () => void | Promise<void>,
): Promise<{
  issues: RowIssue[];
  records: SourceRecord[];
  rowCount: number;
  encoding: string;
  gaijiMapped: number;
}> {
  const read = await readRows(connector, input);
  const gaiji = applyGaijiToRows(connector, read.rows, gaijiTable);
  await validating();
  // Loops, not push(...list): a file can hold more problems than a call has room for arguments.
  const issues: RowIssue[] = read.issues.concat(gaiji.issues);
  const records: SourceRecord[] = [];
  for (const row of gaiji.rows) {
    const result = connector.normalize(row);
    for (const issue of result.issues) issues.push(issue);
    if (result.issues.length === 0) for (const record of result.records) records.push(record);
  }
  if (connector.roster) {
    for (const issue of validateRosterRecords(connector, gaiji.rows, records)) issues.push(issue);
  }
  return {
    issues,
    records,
    rowCount: read.rows.length,
    encoding: read.encoding,
    gaijiMapped: gaiji.mapped,
  };
}

/** A file read, validated and linked: what is left is to store it. */
interface PreparedImport {
  options: ImportOptions;
  progress: NonNullable<ImportOptions['onProgress']>;
  records: SourceRecord[];
  rowCount: number;
  encoding: string;
  fileHash: string;
  summary: ImportSummary;
  roster: ReturnType<typeof buildRosterRows> | null;
  linked: { records: RecordInput[]; report: LinkageReport };
  /**
   * The link version the records were linked at (null for a roster, which links itself); checked
   * under the write lock, and the records linked again if it moved.
   */
  linkedAt: string | null;
}

/** Never equal to a link version: the records must be linked again before they are stored. */
const relinkBeforeStoring = '';

type Prepared = { outcome: ImportOutcome } | { prepared: PreparedImport };

/**
 * Reads, validates and links one file (nothing is written). `pendingRoster`: the persons of a
 * roster import that is being stored and will be the whole roster when it commits; the records
 * are linked against them, and the link version is filled in once that import has committed.
 */
async function prepareImport(
  ctx: PipelineContext,
  options: ImportOptions,
  pendingRoster?: readonly PersonKeys[],
): Promise<Prepared> {
  const { connector, file, bytes } = options;
  const progress = options.onProgress ?? (() => undefined);
  await progress('read', 0);
  // Mapped connectors may rewrite the input first (tab/semicolon delimiters, late header rows).
  const prepare = (
    connector as Partial<{
      prepareInput: (i: {
        file: string;
        bytes: Uint8Array;
      }) => Promise<{ file: string; bytes: Uint8Array }>;
    }>
  ).prepareInput;
  // Rows are read and validated in a helper so they are garbage as soon as it returns: only the
  // records live on through linking and storing (a smaller live heap for the collector).
  const { issues, records, rowCount, encoding, gaijiMapped } = await readRecords(
    connector,
    prepare ? await prepare({ file, bytes }) : { file, bytes },
    new Map((await listGaiji(ctx.db)).map((e) => [e.code, e.standard])),
    () => progress('validate', 0.2),
  );
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const summary: ImportSummary = {
    connector: connector.name,
    connectorVersion: connector.version,
    file,
    fileHash,
    encoding,
    rows: rowCount,
    records: records.length,
    fieldCounts: countFields(records),
    gaijiMapped,
    outsideAgeRange: 0,
    linkage: null,
  };
  if (issues.length === 0 && (await findBatchByHash(ctx.db, connector.name, fileHash))) {
    issues.push(duplicateFile(file));
  }
  if (issues.length > 0) {
    return { outcome: { ok: false, issues: issues.sort(byPosition), summary } };
  }

  await progress('link', 0.5);
  const roster = connector.roster ? buildRosterRows(ctx, records) : null;
  // What the links rest on (roster, staff decisions), read before linking: checked again under
  // the write lock, and the records linked again if it moved in between.
  const linkedAt = roster
    ? null
    : pendingRoster
      ? relinkBeforeStoring
      : await readLinkageVersion(ctx.db);
  const linked = roster ?? (await linkRecords(ctx.db, records, pendingRoster));
  if (linked === null) {
    return { outcome: { ok: false, issues: [noRoster(file)], summary } };
  }
  // Store in child order (see insertBatch): sorted once here, the batch's records, child facts
  // and context rows all arrive in key order, with each record's file position kept in `seq`.
  const order = keyOrder(linked.records.map((r) => r.childId));
  if (order !== null) {
    linked.records = inOrder(linked.records, order);
    if (roster) {
      roster.children = order.map((i) => roster.children[i] as ChildInput);
      roster.persons = order.map((i) => roster.persons[i] as PersonInput);
    }
  }
  summary.linkage = linked.report;
  if (roster) summary.outsideAgeRange = roster.outsideAgeRange;
  if (options.dryRun) {
    await progress('done', 1);
    return { outcome: { ok: true, dryRun: true, batchId: null, summary } };
  }
  return {
    prepared: {
      options,
      progress,
      records,
      rowCount,
      encoding,
      fileHash,
      summary,
      roster,
      linked,
      linkedAt,
    },
  };
}

function noRoster(file: string): RowIssue {
  return {
    file,
    line: 0,
    column: 0,
    code: 'no_roster',
    message: 'import the resident roster first: there are no children to link records to',
  };
}

function duplicateFile(file: string): RowIssue {
  return {
    file,
    line: 0,
    column: 0,
    code: 'duplicate_file',
    message: 'this file was already imported (same content hash)',
  };
}

/**
 * Stores a prepared file in ONE transaction (on `ctx.writer` when there is one). Returns the
 * outcome and, after a roster, the link version it left (what files linked against it expect).
 */
async function storePrepared(
  ctx: PipelineContext,
  prepared: PreparedImport,
): Promise<{ outcome: ImportOutcome; linkageVersion: string | null }> {
  const { options, progress, records, roster, linked, summary, fileHash, encoding, rowCount } =
    prepared;
  const { connector, file } = options;
  await progress('store', 0.7);
  let rosterVersion: string | null = null;
  let linkageVersion: string | null = null;
  let batchId: string | null;
  try {
    batchId = await (ctx.writer ?? ctx.db).transaction().execute(async function storeImport(trx) {
      await lockLinkage(trx); // first: serialises every writer of links and facts
      if (prepared.linkedAt !== null && (await readLinkageVersion(trx)) !== prepared.linkedAt) {
        // A decision or a roster landed between linking and this lock: link against what is now.
        const again = await linkRecords(trx, records);
        if (again === null) return null;
        const reorder = keyOrder(again.records.map((r) => r.childId));
        linked.records = reorder === null ? again.records : inOrder(again.records, reorder);
        linked.report = again.report;
        summary.linkage = again.report;
      }
      const seq = await incrementCounter(trx, 'import_batch');
      const id = `b${String(seq).padStart(8, '0')}`;
      await writeBehind(trx, async () => {
        const children = await applyBatchToChildren(
          trx,
          connector,
          linked.records,
          roster?.children ?? null,
        );
        const stored = await insertBatch(trx, {
          batch: {
            id,
            connector: connector.name,
            connectorVersion: connector.version,
            fileName: file,
            fileHash,
            encoding,
            rowCount,
            summary: { ...summary },
            createdBy: ctx.actor?.id ?? null,
          },
          children: children.children,
          persons: roster?.persons ?? [],
          records: linked.records,
        });
        await progress('store', 0.85);
        await children.writeFacts(stored.recordIds);
      });
      if (roster) {
        rosterVersion = await readRosterVersion(trx);
        // Judgement runs are as of the date the children's ages were derived on.
        await recordRosterAsOf(trx, ctx.asOf);
        linkageVersion = await readLinkageVersion(trx);
      }
      await auditAs(trx, ctx.actor, {
        action: 'import.commit',
        targetType: 'import_batch',
        targetId: id,
        details: { connector: connector.name, file, rows: rowCount, records: records.length },
      });
      return id;
    });
  } catch (error) {
    // Another import of the same file committed first (it passed the check before linking).
    if (error instanceof DbError && error.code === 'duplicate') {
      return { outcome: { ok: false, issues: [duplicateFile(file)], summary }, linkageVersion };
    }
    throw error;
  }
  if (batchId === null) {
    return { outcome: { ok: false, issues: [noRoster(file)], summary }, linkageVersion: null };
  }
  if (roster && rosterVersion !== null) rememberRoster(ctx.db, rosterVersion, roster.persons);
  await progress('done', 1);
  return { outcome: { ok: true, dryRun: false, batchId, summary }, linkageVersion };
}

/**
 * Imports one file through a connector, all-or-nothing: reads and validates every row, maps
 * 外字, links records to the roster, and stores the batch with derived facts in ONE transaction.
 * Any problem (bad row, unmapped 外字, duplicate file) stores nothing and returns every issue.
 * @example const outcome = await importFile(ctx, { connector: roster, file: 'juki.csv', bytes });
 */
export async function importFile(
  ctx: PipelineContext,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const prepared = await prepareImport(ctx, options);
  if ('outcome' in prepared) return prepared.outcome;
  return (await storePrepared(ctx, prepared.prepared)).outcome;
}

/**
 * Imports several files in the order given, each exactly as {@link importFile} would (its own
 * batch, all-or-nothing, its own outcome), but pipelined: the next file is read, validated and
 * linked while the previous one is being stored. With `ctx.writer` (a SQLite writer thread) the
 * storing runs on the second core. Files after a roster are linked against that roster before it
 * commits; if it fails, or anything else moved the link version, they are linked again.
 * @example const outcomes = await importFiles(ctx, [rosterFile, schoolFile]);
 */
export async function importFiles(
  ctx: PipelineContext,
  files: readonly ImportOptions[],
): Promise<ImportOutcome[]> {
  const outcomes: Promise<ImportOutcome>[] = [];
  let storing: Promise<unknown> = Promise.resolve();
  let pending: { persons: readonly PersonKeys[]; version: Promise<string | null> } | null = null;
  try {
    for (const options of files) {
      const result = await prepareImport(ctx, options, pending?.persons);
      if ('outcome' in result) {
        outcomes.push(Promise.resolve(result.outcome));
        continue;
      }
      const { prepared } = result;
      const against = prepared.roster ? null : pending;
      const stored = storing.then(async () => {
        if (against) prepared.linkedAt = (await against.version) ?? relinkBeforeStoring;
        return storePrepared(ctx, prepared);
      });
      if (prepared.roster) {
        pending = {
          persons: prepared.roster.persons,
          version: stored.then(
            (r) => r.linkageVersion,
            () => null,
          ),
        };
      }
      storing = stored.catch(() => undefined);
      outcomes.push(stored.then((r) => r.outcome));
    }
  } finally {
    await storing;
  }
  return Promise.all(outcomes);
}
