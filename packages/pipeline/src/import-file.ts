import { createHash } from 'node:crypto';
import type { Connector } from '@mimamori/connector-kit';
import {
  DbError,
  findBatchByHash,
  incrementCounter,
  insertBatch,
  keyOrder,
  listGaiji,
  loadLinkDecisions,
  lockLinkage,
  readLinkageVersion,
  readRosterVersion,
  type ChildInput,
  type PersonInput,
  type PersonKeys,
  type RecordInput,
  type StagedRecords,
  writeBehind,
  writerStaging,
} from '@mimamori/db';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import { buildRosterRows, rosterAge, type RosterRows } from './roster-records';
import { byPosition, inOrder, readRecords } from './read-records';
import { linkRecords, rememberRoster, type LinkageReport } from './link-records';
import {
  detachedRecords,
  stagedChildren,
  startPrepareThread,
  type FileAnswer,
} from './prepare-thread';
import type { mergeLinked } from './merge-linked';
import { applyBatchToChildren } from './derive-facts';
import { recordRosterAsOf } from './as-of';
import { auditAs, type PipelineContext } from './context';
import { factNamesOf } from './fact-names';

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

/** A file read, validated and linked: what is left is to store it. */
interface PreparedImport {
  options: ImportOptions;
  progress: NonNullable<ImportOptions['onProgress']>;
  /** The file's records in file order (linked again from them if the link version moved). */
  sourceRecords: () => Promise<readonly SourceRecord[]>;
  rowCount: number;
  encoding: string;
  fileHash: string;
  summary: ImportSummary;
  roster: RosterRows | null;
  linked: { records: RecordInput[]; report: LinkageReport };
  /**
   * The linked records staged on the writer thread by the prepare thread (then `linked.records`
   * is empty), with their children merged there. Dropped if the records are linked again.
   */
  staged?: { records: StagedRecords; merged: ReturnType<typeof mergeLinked> } | undefined;
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
  /**
   * Called with a roster's persons as soon as they are built (the prepare thread links with them),
   * then with the order that sorts them by child id (null: sorted already).
   */
  onRoster?: {
    persons: (persons: readonly PersonKeys[]) => void;
    order: (order: readonly number[] | null) => void;
  },
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
  // Each row is made into its records as it is read (readRecords): only the records live on
  // through linking and storing (a smaller live heap for the collector). A roster keeps only the
  // residents who become children (it lists whole households): the others are checked and
  // counted as they are read, never held.
  let outsideAgeRange = 0;
  const keep = connector.roster
    ? (record: SourceRecord): boolean => {
        const age = rosterAge(ctx, record);
        if (age === 'outside') outsideAgeRange += 1;
        return typeof age === 'number';
      }
    : undefined;
  const { issues, records, recordCount, fieldCounts, rowCount, encoding, gaijiMapped } =
    await readRecords(
      connector,
      prepare ? await prepare({ file, bytes }) : { file, bytes },
      new Map((await listGaiji(ctx.db)).map((e) => [e.code, e.standard])),
      () => progress('validate', 0.2),
      keep,
    );
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const summary = readSummary(options, {
    fileHash,
    encoding,
    rowCount,
    recordCount,
    fieldCounts,
    gaijiMapped,
  });
  const refused = await refusal(ctx, summary, issues);
  if (refused) return refused;

  await progress('link', 0.5);
  const factNames = factNamesOf(connector);
  const roster = connector.roster ? await buildRosterRows(ctx, records, factNames) : null;
  if (roster && !options.dryRun) onRoster?.persons(roster.persons);
  // What the links rest on (roster, staff decisions), read before linking: checked again under
  // the write lock, and the records linked again if it moved in between.
  const linkedAt = roster
    ? null
    : pendingRoster
      ? relinkBeforeStoring
      : await readLinkageVersion(ctx.db);
  const linked = roster ?? (await linkRecords(ctx.db, records, pendingRoster, factNames));
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
  if (roster && !options.dryRun) onRoster?.order(order);
  summary.linkage = linked.report;
  if (roster) summary.outsideAgeRange = roster.outsideAgeRange + outsideAgeRange;
  if (options.dryRun) {
    await progress('done', 1);
    return { outcome: { ok: true, dryRun: true, batchId: null, summary } };
  }
  return {
    prepared: {
      options,
      progress,
      sourceRecords: () => Promise.resolve(records),
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

/** What reading a file reports, before linking. */
function readSummary(
  { connector, file }: ImportOptions,
  read: Pick<
    FileAnswer,
    'fileHash' | 'encoding' | 'rowCount' | 'recordCount' | 'fieldCounts' | 'gaijiMapped'
  >,
): ImportSummary {
  return {
    connector: connector.name,
    connectorVersion: connector.version,
    file,
    fileHash: read.fileHash,
    encoding: read.encoding,
    rows: read.rowCount,
    records: read.recordCount,
    fieldCounts: read.fieldCounts,
    gaijiMapped: read.gaijiMapped,
    outsideAgeRange: 0,
    linkage: null,
  };
}

/** The refusal of a file with problems, or imported before (same content hash); else null. */
async function refusal(
  ctx: PipelineContext,
  summary: ImportSummary,
  issues: RowIssue[],
): Promise<{ outcome: ImportOutcome } | null> {
  if (issues.length === 0 && (await findBatchByHash(ctx.db, summary.connector, summary.fileHash))) {
    issues.push(duplicateFile(summary.file));
  }
  if (issues.length === 0) return null;
  return { outcome: { ok: false, issues: issues.sort(byPosition), summary } };
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
  const { options, progress, roster, linked, summary, fileHash, encoding, rowCount } = prepared;
  const { connector, file } = options;
  await progress('store', 0.7);
  const factNames = factNamesOf(connector);
  let rosterVersion: string | null = null;
  let linkageVersion: string | null = null;
  let batchId: string | null;
  try {
    batchId = await (ctx.writer ?? ctx.db).transaction().execute(async function storeImport(trx) {
      await lockLinkage(trx); // first: serialises every writer of links and facts
      if (prepared.linkedAt !== null && (await readLinkageVersion(trx)) !== prepared.linkedAt) {
        // A decision or a roster landed between linking and this lock: link against what is now.
        prepared.staged = undefined;
        const again = await linkRecords(trx, await prepared.sourceRecords(), undefined, factNames);
        if (again === null) return null;
        const reorder = keyOrder(again.records.map((r) => r.childId));
        linked.records = reorder === null ? again.records : inOrder(again.records, reorder);
        linked.report = again.report;
        summary.linkage = again.report;
      }
      const seq = await incrementCounter(trx, 'import_batch');
      const id = `b${String(seq).padStart(8, '0')}`;
      await writeBehind(trx, async () => {
        const { staged } = prepared;
        const children = await applyBatchToChildren(
          trx,
          connector,
          linked.records,
          roster?.children ?? null,
          staged?.merged,
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
            factNames,
          },
          children: children.children,
          persons: roster?.persons ?? [],
          records: staged?.records ?? linked.records,
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
        details: { connector: connector.name, file, rows: rowCount, records: summary.records },
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
 * A file the prepare thread read, validated and linked (against a roster not committed yet),
 * checked for a re-import and turned into what {@link storePrepared} stores. `null`: the thread
 * could not link it (no roster to link against); the importer prepares it itself.
 */
async function preparedFromThread(
  ctx: PipelineContext,
  options: ImportOptions,
  answer: FileAnswer,
): Promise<Prepared | null> {
  const progress = options.onProgress ?? (() => undefined);
  await progress('read', 0);
  await progress('validate', 0.2);
  const summary = readSummary(options, answer);
  const refused = await refusal(ctx, summary, answer.issues);
  if (refused) return refused;
  if (answer.unlinked || !(answer.records || answer.staged) || !answer.report) return null;
  await progress('link', 0.5);
  const linked = {
    records: answer.records ? detachedRecords(answer.records, factNamesOf(options.connector)) : [],
    report: answer.report,
  };
  summary.linkage = answer.report;
  if (options.dryRun) {
    await progress('done', 1);
    return { outcome: { ok: true, dryRun: true, batchId: null, summary } };
  }
  // Linked again only if the roster or a decision moved: rebuilt then, in file order (read
  // again when the records were staged on the writer thread).
  const sourceRecords = async (): Promise<readonly SourceRecord[]> => {
    if (answer.staged) return (await readOnce(ctx, options)).records;
    return [...linked.records]
      .sort((x, y) => (x.seq ?? 0) - (y.seq ?? 0))
      .map((r) => ({
        line: r.line,
        kind: r.kind,
        identity: r.identity?.value ?? {},
        facts: r.facts,
        context: r.context,
      }));
  };
  return {
    prepared: {
      options,
      progress,
      sourceRecords,
      rowCount: answer.rowCount,
      encoding: answer.encoding,
      fileHash: answer.fileHash,
      summary,
      roster: null,
      linked,
      linkedAt: relinkBeforeStoring,
      staged: answer.staged && {
        records: answer.staged.records,
        merged: stagedChildren(answer.staged),
      },
    },
  };
}

/** A file read and validated again on this thread (its records had been staged elsewhere). */
async function readOnce(
  ctx: PipelineContext,
  { connector, file, bytes }: ImportOptions,
): ReturnType<typeof readRecords> {
  const gaiji = new Map((await listGaiji(ctx.db)).map((e) => [e.code, e.standard]));
  return readRecords(connector, { file, bytes }, gaiji, () => undefined);
}

/** Numbers the stages of this process's imports (unique per writer thread). */
let stageCount = 0;

/** Whether the prepare thread can take this file: a code connector it can load, not a roster. */
function threadable(options: ImportOptions): options is ImportOptions & {
  connector: Connector & { module: string };
} {
  const c = options.connector as Connector & { prepareInput?: unknown };
  return typeof c.module === 'string' && !c.roster && c.prepareInput === undefined;
}

/**
 * Imports several files in the order given, each exactly as {@link importFile} would (its own
 * batch, all-or-nothing, its own outcome), but on both cores:
 * - the files after a roster are read, validated and linked by a second thread (tsx-loaded) while
 *   this one prepares the roster; they are linked against that roster's persons before it
 *   commits, and each checks the link version under the write lock before it is stored (linked
 *   again if the roster failed or anything else moved it);
 * - a file is stored while the next one is prepared, and with `ctx.writer` (a SQLite writer
 *   thread) the storing itself runs off this thread.
 * @example const outcomes = await importFiles(ctx, [rosterFile, schoolFile]);
 */
export async function importFiles(
  ctx: PipelineContext,
  files: readonly ImportOptions[],
): Promise<ImportOutcome[]> {
  const outcomes: Promise<ImportOutcome>[] = [];
  let storing: Promise<unknown> = Promise.resolve();
  let pending: { persons: readonly PersonKeys[]; version: Promise<string | null> } | null = null;
  // The thread takes the files after the call's only roster (with two, the importer links).
  const rosters = files.flatMap((f, i) => (f.connector.roster ? [i] : []));
  const rosterAt = rosters.length === 1 ? (rosters[0] as number) : -1;
  const handed = new Map<number, Promise<FileAnswer | null>>();
  const staging = ctx.writer ? writerStaging(ctx.writer) : null;
  const thread =
    rosterAt >= 0 && files.some((f, i) => i > rosterAt && threadable(f))
      ? startPrepareThread(staging?.port())
      : null;
  // Records the thread stages on the writer thread, by file: released once the file is stored
  // (or refused), and in any case when this call ends.
  const stages = new Map<number, string>();
  const release = (i: number): void => {
    const stage = stages.get(i);
    stages.delete(i);
    if (stage !== undefined) staging?.release(stage);
  };
  try {
    if (thread) {
      const gaiji = (await listGaiji(ctx.db)).map((e): [string, string] => [e.code, e.standard]);
      for (const [i, options] of files.entries()) {
        if (i <= rosterAt || !threadable(options)) continue;
        const stage = staging && !options.dryRun ? `stage-${String(++stageCount)}` : undefined;
        if (stage !== undefined) stages.set(i, stage);
        const answer = thread.prepare({
          module: options.connector.module,
          connector: options.connector.name,
          file: options.file,
          bytes: options.bytes,
          gaiji,
          ...(stage === undefined ? {} : { stage }),
        });
        // A thread that fails leaves the file to this one.
        handed.set(
          i,
          answer.catch(() => null),
        );
      }
    }
    // Decisions are read before the roster is prepared: the link version check covers any change.
    const decisions = thread ? [...(await loadLinkDecisions(ctx.db)).values()] : [];
    let rosterSent = false;
    let orderSent = false;
    for (const [i, options] of files.entries()) {
      const answer = await handed.get(i);
      const result: Prepared =
        (answer ? await preparedFromThread(ctx, options, answer) : null) ??
        (await prepareImport(ctx, options, pending?.persons, {
          persons: (persons) => {
            if (i !== rosterAt || !thread) return;
            thread.roster({ persons, decisions, orderFollows: true });
            rosterSent = true;
          },
          order: (order) => {
            if (i !== rosterAt || !thread || !rosterSent) return;
            thread.rosterOrder(order);
            orderSent = true;
          },
        }));
      // A roster that fails before its persons are built: the thread's files are linked here.
      if (i === rosterAt && thread && !rosterSent) thread.roster(null);
      else if (i === rosterAt && thread && !orderSent) thread.rosterOrder(undefined);
      if ('outcome' in result) {
        release(i);
        outcomes.push(Promise.resolve(result.outcome));
        continue;
      }
      if (!result.prepared.staged) release(i);
      const prepared: PreparedImport = result.prepared;
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
      storing = stored.then(
        () => release(i),
        () => release(i),
      );
      outcomes.push(stored.then((r) => r.outcome));
    }
  } finally {
    await storing;
    await thread?.close();
    for (const i of [...stages.keys()]) release(i);
  }
  return Promise.all(outcomes);
}
