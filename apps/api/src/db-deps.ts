import type { Db } from '@mimamori/db';
import {
  createAuditStore,
  createLoginAttemptStore,
  createSessionStore,
  createUserStore,
} from './db-deps/access-stores';
import { createChildStore, createGaijiStore, createPersonalStore } from './db-deps/child-store';
import { createRuleSetStore } from './db-deps/rule-set-store';
import { createRunReader } from './db-deps/run-reader';
import type { ApiDeps } from './deps';

/** The parts of {@link ApiDeps} that `@mimamori/db` alone provides. */
export type DbDeps = Pick<
  ApiDeps,
  'users' | 'sessions' | 'loginAttempts' | 'audit' | 'children' | 'personal' | 'ruleSets' | 'gaiji'
> & { runs: Omit<ApiDeps['runs'], 'start' | 'startScheduled'> };

/**
 * Wires the database repositories to the API's stores. The engine, preview, runs, imports and
 * linkage services come from `@mimamori/engine` / `@mimamori/pipeline` (see `deps.ts`).
 * @example
 * const base = createDbDeps(db);
 * const app = createApp({ ...base, runs: { ...base.runs, start }, engine, preview, imports, linkage });
 */
export function createDbDeps(db: Db, now: () => Date = () => new Date()): DbDeps {
  return {
    users: createUserStore(db),
    sessions: createSessionStore(db, now),
    loginAttempts: createLoginAttemptStore(db),
    audit: createAuditStore(db),
    children: createChildStore(db),
    personal: createPersonalStore(db),
    ruleSets: createRuleSetStore(db),
    gaiji: createGaijiStore(db),
    runs: createRunReader(db),
  };
}
