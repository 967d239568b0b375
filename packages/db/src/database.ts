import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import { DbError } from './db-error';
import type { DatabaseSchema } from './schema';

/** The dialects the same migrations and repositories run on. */
export const dialects = ['sqlite', 'postgres'] as const;
/** One of {@link dialects}. */
export type Dialect = (typeof dialects)[number];

/** Our kysely instance (repositories take this or a transaction of it). */
export type Db = Kysely<DatabaseSchema>;

/** An open database: the kysely instance, its dialect and how to close it. */
export interface Database {
  db: Db;
  dialect: Dialect;
  /** SQLite: the database file's absolute path (absent for `:memory:` and PostgreSQL). */
  file?: string;
  close: () => Promise<void>;
}

/** Where the database lives: a PostgreSQL URL, or a SQLite file (default `./data/mimamori.db`). */
export interface DatabaseOptions {
  /** `postgres://…` / `postgresql://…`, or `file:PATH` / `sqlite:PATH` for SQLite. */
  url?: string | undefined;
  /** SQLite file path, or `:memory:`. Ignored when `url` is set. */
  file?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number | undefined;
}

/** Default SQLite file, relative to the working directory. */
export const defaultSqliteFile = './data/mimamori.db';

/**
 * Opens the database: PostgreSQL for a `postgres://` URL, otherwise SQLite (WAL, foreign keys).
 * @example
 * const { db, close } = createDatabase({ url: process.env.DATABASE_URL });
 * await migrateToLatest(db);
 */
export function createDatabase(options: DatabaseOptions = {}): Database {
  const url = options.url;
  if (url !== undefined && url !== '') {
    if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10);
    const file = /^(file|sqlite):/.exec(url) ? url.replace(/^(file|sqlite):(\/\/)?/, '') : null;
    if (file === null || file === '') {
      throw new DbError('unsupported_url', 'database URL must be postgres://, file: or sqlite:');
    }
    return openSqlite(file);
  }
  return openSqlite(options.file ?? defaultSqliteFile);
}

/** How every SQLite connection is set up (the import writer's too: see sqlite-writer.ts). */
export const sqlitePragmas: readonly string[] = [
  // 16 KiB pages (takes effect when the file is created): imports insert into random-key
  // indexes (pseudonymous child ids), and bigger pages split less; ~15% less CPU per row.
  'page_size = 16384',
  'journal_mode = WAL',
  'foreign_keys = ON',
  'busy_timeout = 10000',
  'synchronous = NORMAL',
  // 64 MiB page cache: big imports otherwise thrash the default 2 MiB cache on index inserts.
  'cache_size = -65536',
];

function openSqlite(file: string): Database {
  const memory = file === ':memory:';
  let sqlite: BetterSqlite3.Database;
  try {
    if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
    sqlite = new BetterSqlite3(file);
    for (const pragma of sqlitePragmas) {
      if (!(memory && pragma.startsWith('journal_mode'))) sqlite.pragma(pragma);
    }
  } catch (error) {
    throw new DbError('open_failed', 'could not open the SQLite database', { cause: error });
  }
  const database = reusingStatements(sqlite, statementCacheSize);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: 'sqlite',
    ...(memory ? {} : { file: resolve(file) }),
    close: () => db.destroy(),
  };
}

/** Prepared statements kept per connection; the least recently used one is dropped first. */
const statementCacheSize = 64;

/**
 * The connection kysely's SQLite driver talks to, reusing prepared statements by SQL text. The
 * driver prepares every query anew, and a bulk INSERT of 1,000 rows costs more to compile than
 * to run; reusing it lets imports spend their time storing rows. A statement still being
 * iterated (a streamed SELECT) is busy, so a second use of its text gets a fresh one.
 */
function reusingStatements(sqlite: BetterSqlite3.Database, limit: number): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: function prepare(text: string): SqliteStatement {
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (cached === undefined) {
        cache.set(text, statement);
        if (cache.size > limit) cache.delete(cache.keys().next().value ?? text);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (e.g. server restart) must not crash the process; the next
  // query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** The dialect a kysely instance (or transaction) talks to. */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
