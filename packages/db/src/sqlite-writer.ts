import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
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
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ id: m.id, closed: true });
    parentPort.close();
    return;
  }
  try {
    const s = statement(m.sql);
    const parameters = m.packed ? unpack(m.packed) : m.parameters;
    if (s.reader) {
      parentPort.postMessage({ id: m.id, rows: s.all(parameters) });
    } else {
      const info = s.run(parameters);
      parentPort.postMessage({ id: m.id, changes: Number(info.changes), insertId: Number(info.lastInsertRowid) });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String(error && error.message), code: error && error.code } });
  }
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

  send(message: { sql?: string; parameters?: readonly unknown[]; close?: true }): Promise<Answer> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    const answer = new Promise<Answer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
    });
    if (this.#pending.size === 1) this.#worker.ref();
    if (message.parameters) {
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

  constructor(file: string) {
    this.#channel = new WorkerChannel(file);
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
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }
  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new WorkerDriver(this.#file);
  }
  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * A second connection to a SQLite file whose statements run on a thread of their own. Big
 * imports hand it their writes and go on preparing while SQLite stores them: a statement's
 * promise need not be awaited before the next is sent, and the thread runs them in order. For
 * files only (an in-memory database is private to its connection). Close it when done.
 * @example const writer = openSqliteWriter('./data/mimamori.db'); … await writer.close();
 */
export function openSqliteWriter(file: string): { db: Db; close: () => Promise<void> } {
  const db = new Kysely<DatabaseSchema>({ dialect: new WorkerDialect(resolve(file)) });
  return { db, close: () => db.destroy() };
}
