import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
// Values from the database-free part only: the prepare thread loads this module too.
import {
  ValuePacker,
  packedBuffers,
  parseRecordFacts,
  unpackValues,
  type PackedValues,
} from '@mimamori/db/pure';
import type { LinkStatus, PersonKeys, RecordInput, StagedRecords } from '@mimamori/db';
import type { FactValue, Identity, RecordContext, RowIssue } from '@mimamori/records';
import type { LinkageReport, StoredLinkDecision } from './linker-core';
import type { contextKeys, MergedChild, mergeLinked } from './merge-linked';

type ContextKey = (typeof contextKeys)[number];

/** A file for the prepare thread to read, validate and (once the roster is known) link. */
export interface FileJob {
  type: 'file';
  id: number;
  /** The connector's module URL and name (the thread loads it there). */
  module: string;
  connector: string;
  file: string;
  bytes: Uint8Array;
  gaiji: [string, string][];
  /**
   * Stage the linked records on the SQLite writer thread under this key (the thread was started
   * with the writer's staging port) instead of sending them back.
   */
  stage?: string;
}

/** The roster the files are linked against; null when there is none to link against. */
export interface RosterJob {
  type: 'roster';
  /** `persons`: their match keys only (see {@link packPersonKeys}): no address, no name as written. */
  roster: { persons: PackedValues; decisions: StoredLinkDecision[] } | null;
  /** A {@link RosterOrderJob} follows (the thread waits for it before ordering linked records). */
  orderFollows: boolean;
}

/**
 * The order that sorts the roster's persons by child id (`order[k]`: the position of the person
 * ranked k; 'sorted': in order already; null: unknown, sort by id), sent once the importer has
 * sorted them: the thread puts each file's linked records in child order by rank instead of
 * sorting their ids.
 */
export interface RosterOrderJob {
  type: 'roster-order';
  order: Int32Array | 'sorted' | null;
}

/**
 * The roster's persons as the prepare thread needs them: the fields the linker matches on,
 * packed (7 values each). Personal data the linker does not use never leaves this thread.
 */
export function packPersonKeys(persons: readonly PersonKeys[]): PackedValues {
  const packer = new ValuePacker(persons.length * 7);
  for (const p of persons) {
    packer.add(p.childId);
    packer.add(p.residentNumber);
    packer.add(p.householdNumber);
    packer.add(p.nameKey);
    packer.add(p.kanaKey);
    packer.add(p.birthDate);
    packer.add(p.sex);
  }
  return packer.packed();
}

/** The persons of {@link packPersonKeys}, back. */
export function unpackPersonKeys(packed: PackedValues): PersonKeys[] {
  const values = unpackValues(packed);
  const persons: PersonKeys[] = [];
  for (let i = 0; i + 6 < values.length; i += 7) {
    persons.push({
      childId: values[i] as string,
      residentNumber: values[i + 1] as string,
      householdNumber: values[i + 2] as string | null,
      nameKey: values[i + 3] as string,
      kanaKey: values[i + 4] as string | null,
      birthDate: values[i + 5] as string,
      sex: values[i + 6] as number,
    });
  }
  return persons;
}

/** What the thread answers for a file. */
export interface FileAnswer {
  id: number;
  fileHash: string;
  rowCount: number;
  recordCount: number;
  encoding: string;
  gaijiMapped: number;
  fieldCounts: Record<string, number>;
  issues: RowIssue[];
  /** Read and valid, but not linked: no roster was given (link on the importing thread). */
  unlinked?: true;
  report?: LinkageReport;
  /** The linked records in child order, 11 values each (see prepare-worker.ts). */
  records?: PackedValues;
  /** Instead of `records`: where they were staged, with what the importer needs of them. */
  staged?: StagedAnswer;
}

/** A file's records staged on the writer thread, and what the importer needs of them. */
export interface StagedAnswer {
  records: StagedRecords;
  /** Context keys the file owns (see mergeLinked). */
  owned: ContextKey[];
  /**
   * Its children (see mergeLinked), 5 values each: id, merged facts JSON (null: the child's
   * one record's, copied from the stored records), school, grade, nursery. Only the children
   * with merged facts when the file owns no context key.
   */
  children: PackedValues;
}

/** The thread's answer, or why it could not prepare the file (then the importer does). */
type Answer = FileAnswer | { id: number; failed: string };

/** The importing side of the prepare thread. */
export interface PrepareThread {
  prepare: (job: Omit<FileJob, 'type' | 'id'>) => Promise<FileAnswer>;
  roster: (
    roster: {
      persons: readonly PersonKeys[];
      decisions: StoredLinkDecision[];
      /** `rosterOrder` will be called (default false: the thread sorts by child id itself). */
      orderFollows?: boolean;
    } | null,
  ) => void;
  /**
   * After `roster`: the order sorting its persons by child id (null: sorted already; undefined:
   * unknown; see {@link RosterOrderJob}).
   */
  rosterOrder: (order: readonly number[] | null | undefined) => void;
  close: () => Promise<void>;
}

/**
 * Starts the thread that prepares files for importFiles, or null when it cannot run here. The
 * pipeline is TypeScript run through tsx, so the thread registers tsx before loading its body.
 */
export function startPrepareThread(staging?: MessagePort): PrepareThread | null {
  let loader: string;
  try {
    const resolved = createRequire(import.meta.url).resolve('tsx/esm/api');
    loader = pathToFileURL(resolved.replace(/\.cjs$/, '.mjs')).href;
  } catch {
    return null;
  }
  const body = new URL('./prepare-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(body)}); });`,
    { eval: true },
  );
  const pending = new Map<
    number,
    { resolve: (a: FileAnswer) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  let failure: Error | null = null;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if ('failed' in answer) waiting?.reject(new Error(answer.failed));
    else waiting?.resolve(answer);
  });
  if (staging) worker.postMessage({ type: 'staging', port: staging }, [staging]);
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the prepare thread exited')));
  return {
    prepare(job) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      const answer = new Promise<FileAnswer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
      });
      worker.postMessage({ type: 'file', id, ...job } satisfies FileJob);
      return answer;
    },
    roster(roster) {
      const job: RosterJob = {
        type: 'roster',
        roster: roster && { persons: packPersonKeys(roster.persons), decisions: roster.decisions },
        orderFollows: roster?.orderFollows === true,
      };
      worker.postMessage(job, job.roster ? packedBuffers(job.roster.persons) : []);
    },
    rosterOrder(order) {
      const sent = order === undefined ? null : order === null ? 'sorted' : Int32Array.from(order);
      const job: RosterOrderJob = { type: 'roster-order', order: sent };
      worker.postMessage(job, sent instanceof Int32Array ? [sent.buffer] : []);
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** A linked record as the prepare thread sent it: facts and identity parsed when first read. */
class DetachedRecord implements RecordInput {
  #facts: Record<string, FactValue> | undefined;
  readonly identity: { value: Identity; key: string; json: string };
  constructor(
    readonly seq: number,
    readonly line: number,
    readonly kind: 'person' | 'observation',
    readonly childId: string | null,
    readonly linkStatus: LinkStatus,
    readonly linkMethod: string | null,
    readonly linkConfidence: number | null,
    readonly factsJson: string,
    readonly contextJson: string,
    readonly context: RecordContext,
    identityJson: string,
    identityKey: string,
    /** The batch's fact names `factsJson` may be stored against (see recordFactsText). */
    private readonly factNames: readonly string[],
  ) {
    this.identity = {
      key: identityKey,
      json: identityJson,
      get value(): Identity {
        return JSON.parse(identityJson) as Identity;
      },
    };
  }

  get facts(): Record<string, FactValue> {
    this.#facts ??= parseRecordFacts(this.factsJson, this.factNames, 'source_records.facts_json');
    return this.#facts;
  }
}

/**
 * The records of an answer, in child order. Contexts repeat (a school and a grade), so each
 * distinct one is parsed once; a record's context is only read, never changed.
 */
export function detachedRecords(
  packed: PackedValues,
  /** The fact names the records' facts texts were made against (see recordFactsText). */
  factNames: readonly string[],
): RecordInput[] {
  const values = unpackValues(packed);
  const contexts = new Map<string, RecordContext>();
  const records: RecordInput[] = [];
  for (let i = 0; i + 10 < values.length; i += 11) {
    const contextJson = values[i + 8] as string;
    let context = contexts.get(contextJson);
    if (context === undefined) {
      context = JSON.parse(contextJson) as RecordContext;
      contexts.set(contextJson, context);
    }
    records.push(
      new DetachedRecord(
        values[i] as number,
        values[i + 1] as number,
        values[i + 2] as 'person' | 'observation',
        values[i + 3] as string | null,
        values[i + 4] as LinkStatus,
        values[i + 5] as string | null,
        values[i + 6] as number | null,
        values[i + 7] as string,
        contextJson,
        context,
        values[i + 9] as string,
        values[i + 10] as string,
        factNames,
      ),
    );
  }
  return records;
}

/**
 * The merged children of a staged answer, as mergeLinked gives them: a child whose facts are its
 * one record's has no facts here (they are copied from the stored records).
 */
export function stagedChildren(staged: StagedAnswer): ReturnType<typeof mergeLinked> {
  const values = unpackValues(staged.children);
  const children: MergedChild[] = [];
  for (let i = 0; i + 4 < values.length; i += 5) {
    const factsJson = values[i + 1] as string | null;
    const context: RecordContext = {};
    const school = values[i + 2] as string | null;
    const grade = values[i + 3] as number | null;
    const nursery = values[i + 4] as string | null;
    if (school !== null) context.school = school;
    if (grade !== null) context.grade = grade;
    if (nursery !== null) context.nursery = nursery;
    children.push({
      id: values[i] as string,
      get facts(): Record<string, FactValue> {
        if (factsJson === null) throw new Error("a copied child's facts are in its stored record");
        return JSON.parse(factsJson) as Record<string, FactValue>;
      },
      factsJson: factsJson ?? undefined,
      copied: factsJson === null,
      context,
    });
  }
  return { children, owned: new Set(staged.owned) };
}
