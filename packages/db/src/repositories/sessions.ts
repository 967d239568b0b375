import type { Db } from '../database';
import { nowIso } from '../now-iso';
import type { SessionsTable } from '../schema';
import { toUser, type User } from './users';

/** A session; `id` is hex(sha256(token)), the token itself is never stored. */
export interface Session {
  id: string;
  userId: string;
  expiresAt: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

function toSession(row: SessionsTable): Session {
  return {
    id: row.id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/**
 * Stores a new session.
 * @example await createSession(db, { id: sha256Hex(token), userId, expiresAt, ip, userAgent });
 */
export async function createSession(
  db: Db,
  input: {
    id: string;
    userId: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
    /** When the session began (the caller's clock); now by default. */
    createdAt?: string;
  },
): Promise<Session> {
  const now = input.createdAt ?? nowIso();
  const row: SessionsTable = {
    id: input.id,
    user_id: input.userId,
    expires_at: input.expiresAt,
    created_at: now,
    last_seen_at: now,
    ip: input.ip,
    user_agent: input.userAgent,
  };
  await db.insertInto('sessions').values(row).execute();
  return toSession(row);
}

/** A live session and its user; undefined when unknown or expired at `now`. */
export async function getSession(
  db: Db,
  id: string,
  now: string = nowIso(),
): Promise<{ session: Session; user: User } | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select([
      's.id as session_id',
      's.expires_at',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.ip',
      's.user_agent',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      id: row.session_id,
      userId: row.id,
      expiresAt: row.expires_at,
      createdAt: row.session_created_at,
      lastSeenAt: row.last_seen_at,
      ip: row.ip,
      userAgent: row.user_agent,
    },
    user: toUser(row),
  };
}

/** Slides a session's expiry and notes when it was last seen. */
export async function extendSession(
  db: Db,
  id: string,
  expiresAt: string,
  now: string = nowIso(),
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt, last_seen_at: now })
    .where('id', '=', id)
    .execute();
}

/** Logs one session out. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Logs a user out everywhere; returns how many sessions ended. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions expired at `now`. */
export async function deleteExpiredSessions(db: Db, now: string = nowIso()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
