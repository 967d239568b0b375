import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from './database';
import { sqlitePragmas } from './database';
import type { DatabaseSchema } from './schema';
import { packValues, packedBuffers } from './packed-values';
import { StagedRows } from './staged-rows';

/**
 * The thread that owns the writer's connection. Plain CommonJS evaluated as the worker's body, so
 * it runs the same under tsx, vitest and a built app; better-sqlite3 is resolved by the parent.
 * It answers every message in order; a statement's failure is answered as an error and the
 * statements queued after it still run (the caller's transaction then rolls back).
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const p of workerData.pragmas) db.pragma(p);
const cache = new Map();
// Rows other threads handed over (see staged-rows.ts): held until released.
const stages = new Map();
const released = new Set();
const ports = new Set();
// Statements in arrival order: one whose staged rows are still on their way waits, and so does
// everything after it.
const queue = [];
function unpack({ tags, numbers, lengths, text, others }) {
  const out = new Array(tags.length);
  let at = 0;
  let other = 0;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === 0) out[i] = null;
    else if (tag === 1) out[i] = numbers[i];
    else if (tag === 2) {
      out[i] = text.slice(at, at + lengths[i]);
      at += lengths[i];
    } else out[i] = others[other++];
  }
  return out;
}
function statement(text) {
  let s = cache.get(text);
  if (s === undefined) {
    s = db.prepare(text);
    cache.set(text, s);
    if (cache.size > 64) cache.delete(cache.keys().next().value);
  }
  return s;
}
// Where each value of held rows starts in their joined text (or others): found once, on first use.
function startsOf(held) {
  if (held.starts === undefined) {
    const { tags, lengths } = held.packed;
    const starts = new Float64Array(tags.length);
    let at = 0;
    let other = 0;
    for (let i = 0; i < tags.length; i++) {
      if (tags[i] === 2) {
        starts[i] = at;
        at += lengths[i];
      } else if (tags[i] === 3) starts[i] = other++;
    }
    held.starts = starts;
  }
  return held.starts;
}
function valueAt(held, i) {
  const { tags, numbers, lengths, text, others } = held.packed;
  const tag = tags[i];
  if (tag === 2) return text.slice(held.starts[i], held.starts[i] + lengths[i]);
  if (tag === 1) return numbers[i];
  if (tag === 0) return null;
  return others[held.starts[i]];
}
// The stages a staged statement reads: its own and its columns' parts.
function stagesOf({ stage, columns }) {
  const names = [stage];
  for (const c of columns) if (c.part !== undefined) names.push(stage + ':' + c.part);
  return names;
}
function fromStage({ stage, from, to, columns }) {
  const held = stages.get(stage);
  if (held === undefined) throw new Error('staged rows never arrived');
  startsOf(held);
  const parts = columns.map((c) => {
    if (c.part === undefined) return undefined;
    const part = stages.get(stage + ':' + c.part);
    if (part === undefined) throw new Error('staged rows never arrived');
    startsOf(part);
    return part;
  });
  const { perRow } = held;
  const out = [];
  for (let r = from; r < to; r++) {
    const row = r * perRow;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      const part = parts[k];
      if (part !== undefined) out.push(valueAt(part, valueAt(held, row + c.at) * part.perRow + c.column));
      else if (c.column !== undefined) out.push(valueAt(held, row + c.column));
      else if (c.seq !== undefined) out.push(c.seq + r);
      else out.push(c.value);
    }
  }
  return out;
}
function release(stage) {
  const present = stages.delete(stage);
  for (const name of [...stages.keys()]) if (name.startsWith(stage + ':')) stages.delete(name);
  if (!present) released.add(stage);
}
function run(m) {
  if (m.release !== undefined) {
    release(m.release);
    return;
  }
  if (m.close) {
    for (const port of ports) port.close();
    db.close();
    parentPort.postMessage({ id: m.id, closed: true });
    parentPort.close();
    return;
  }
  try {
    const s = statement(m.sql);
    const parameters = m.packed ? unpack(m.packed) : m.staged ? fromStage(m.staged) : m.parameters;
    if (s.reader) {
      parentPort.postMessage({ id: m.id, rows: s.all(parameters) });
    } else {
      const info = s.run(parameters);
      parentPort.postMessage({ id: m.id, changes: Number(info.changes), insertId: Number(info.lastInsertRowid) });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String(error && error.message), code: error && error.code } });
  }
}
function drain() {
  while (queue.length > 0) {
    const m = queue[0];
    // Waits for its rows while a thread that may send them is connected.
    if (m.staged && ports.size > 0 && stagesOf(m.staged).some((name) => !stages.has(name))) return;
    queue.shift();
    run(m);
  }
}
parentPort.on('message', (m) => {
  if (m.port) {
    const port = m.port;
    ports.add(port);
    port.on('message', (s) => {
      // Rows of a stage (or of its part) released before they came are dropped.
      const base = s.stage.split(':')[0];
      if (s.stage === base ? released.delete(base) : released.has(base)) return;
      stages.set(s.stage, { perRow: s.perRow, packed: s.packed, starts: undefined });
      drain();
    });
    port.on('close', () => {
      ports.delete(port);
      drain();
    });
    return;
  }
  queue.push(m);
  drain();
});
`;

interface Answer {
  id: number;
  rows?: Record<string, unknown>[];
  changes?: number;
  insertId?: number;
  error?: { message: string; code?: string };
  closed?: boolean;
}

/** A driver error as thrown in the worker, with its `code` (unique violations are told by it). */
class SqliteWorkerError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SqliteError';
    this.code = code;
  }
}

/** Statements to the worker and their answers, matched by id. */
class WorkerChannel {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (a: Answer) => void; reject: (e: Error) => void }
  >();
  #next = 0;
  #failed: Error | null = null;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(workerSource, {
      eval: true,
      workerData: { driver, file, pragmas: sqlitePragmas },
    });
    this.#worker.unref();
    this.#worker.on('message', (answer: Answer) => {
      const waiting = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      waiting?.resolve(answer);
    });
    this.#worker.on('error', (error: Error) => this.#fail(error));
    this.#worker.on('exit', () => this.#fail(new Error('the SQLite writer thread exited')));
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }

  /** A port another thread hands rows to (see staged-rows.ts). */
  stagingPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.#worker.postMessage({ port: port2 }, [port2]);
    return port1;
  }

  /** Drops a stage's rows (now or, if they are still on their way, when they arrive). */
  release(stage: string): void {
    if (!this.#failed) this.#worker.postMessage({ release: stage });
  }

  send(message: { sql?: string; parameters?: readonly unknown[]; close?: true }): Promise<Answer> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    const answer = new Promise<Answer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    });
    if (this.#pending.size === 1) this.#worker.ref();
    const only = message.parameters?.length === 1 ? message.parameters[0] : undefined;
    if (only instanceof StagedRows) {
      const { stage, from, to, columns } = only;
      this.#worker.postMessage({ id, sql: message.sql, staged: { stage, from, to, columns } });
    } else if (message.parameters) {
      const packed = packValues(message.parameters);
      this.#worker.postMessage({ id, sql: message.sql, packed }, packedBuffers(packed));
    } else this.#worker.postMessage({ id, ...message });
    return answer.finally(() => {
      if (this.#pending.size === 0) this.#worker.unref();
    });
  }
}

class WorkerConnection implements DatabaseConnection {
  readonly #channel: WorkerChannel;
  constructor(channel: WorkerChannel) {
    this.#channel = channel;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const answer = await this.#channel.send({ sql: compiled.sql, parameters: compiled.parameters });
    if (answer.error) throw new SqliteWorkerError(answer.error.message, answer.error.code);
    if (answer.rows) return { rows: answer.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(answer.changes ?? 0),
      insertId: BigInt(answer.insertId ?? 0),
    };
  }

  // eslint-disable-next-line require-yield -- imports never stream through the writer
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite writer does not stream queries');
  }
}

/** One connection, handed out to one transaction (or query) at a time, like kysely's driver. */
class WorkerDriver implements Driver {
  readonly #channel: WorkerChannel;
  readonly #connection: WorkerConnection;
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(channel: WorkerChannel) {
    this.#channel = channel;
    this.#connection = new WorkerConnection(this.#channel);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#held) await this.#held;
    this.#held = new Promise<void>((resolve) => {
      this.#release = () => {
        this.#held = undefined;
        resolve();
      };
    });
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    await this.#channel.send({ close: true });
  }
}

class WorkerDialect implements KyselyDialect {
  readonly #channel: WorkerChannel;
  constructor(channel: WorkerChannel) {
    this.#channel = channel;
  }
  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new WorkerDriver(this.#channel);
  }
  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Staged rows on a writer thread: where other threads send them, and how they are dropped. */
export interface WriterStaging {
  /** A new port for one thread to hand rows to the writer with (stageRows); transfer it there. */
  port: () => MessagePort;
  /** Drops a stage's rows once no statement needs them any more. */
  release: (stage: string) => void;
}

const stagings = new WeakMap<Db, WriterStaging>();

/**
 * The staging side of a writer opened by {@link openSqliteWriter}, or null for any other
 * database (whose statements cannot insert staged rows).
 * @example const staging = writerStaging(ctx.writer); staging?.release('file-3');
 */
export function writerStaging(db: Db): WriterStaging | null {
  return stagings.get(db) ?? null;
}

/**
 * A second connection to a SQLite file whose statements run on a thread of their own. Big
 * imports hand it their writes and go on preparing while SQLite stores them: a statement's
 * promise need not be awaited before the next is sent, and the thread runs them in order. Other
 * threads may hand it rows directly (`staging`, see staged-rows.ts). For files only (an
 * in-memory database is private to its connection). Close it when done.
 * @example const writer = openSqliteWriter('./data/mimamori.db'); … await writer.close();
 */
export function openSqliteWriter(file: string): {
  db: Db;
  staging: WriterStaging;
  close: () => Promise<void>;
} {
  const channel = new WorkerChannel(resolve(file));
  const db = new Kysely<DatabaseSchema>({ dialect: new WorkerDialect(channel) });
  const staging: WriterStaging = {
    port: () => channel.stagingPort(),
    release: (stage) => channel.release(stage),
  };
  stagings.set(db, staging);
  return { db, staging, close: () => db.destroy() };
}
