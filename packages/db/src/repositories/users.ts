import { sql } from 'kysely';
import { newId } from '../new-id';
import { z } from 'zod';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { nowIso } from '../now-iso';
import type { UsersTable } from '../schema';

/** Staff roles (permissions are decided by the API, not here). */
export const roles = ['admin', 'rule_editor', 'family_center', 'teacher', 'it'] as const;
/** One of {@link roles}. */
export type Role = (typeof roles)[number];
const roleSchema = z.enum(roles);

/** A staff account. `passwordHash` is an argon2id PHC string, never a password. */
export interface User {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  school: string | null;
  displayName: string;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  disabled: boolean;
}

/** What creating a user takes. */
export interface NewUser {
  id?: string;
  username: string;
  passwordHash: string;
  role: Role;
  school?: string | null;
  displayName: string;
}

/** Maps a users row to a {@link User}. */
export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: roleSchema.parse(row.role),
    school: row.school,
    displayName: row.display_name,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
  };
}

/**
 * Creates a user; a taken username fails with the driver's unique violation.
 * @example await createUser(db, { username: 'sato', passwordHash, role: 'teacher', school: 'S01', displayName: '佐藤' });
 */
export async function createUser(db: Db, input: NewUser): Promise<User> {
  const row: UsersTable = {
    id: input.id ?? newId(),
    username: input.username,
    password_hash: input.passwordHash,
    role: input.role,
    school: input.school ?? null,
    display_name: input.displayName,
    failed_logins: 0,
    locked_until: null,
    created_at: nowIso(),
    disabled: 0,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** A user by login name, whatever its case (names are unique case-insensitively). */
export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row && toUser(row);
}

/** A user by id. */
export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** Every user, by username. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

/** Changes role, school, display name, password hash or the disabled flag. */
export async function updateUser(
  db: Db,
  id: string,
  change: Partial<Pick<User, 'role' | 'school' | 'displayName' | 'passwordHash' | 'disabled'>>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(change.role === undefined ? {} : { role: change.role }),
      ...(change.school === undefined ? {} : { school: change.school }),
      ...(change.displayName === undefined ? {} : { display_name: change.displayName }),
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
    })
    .where('id', '=', id)
    .execute();
}

/** Counts a failed login atomically; returns the new count. */
export async function recordFailedLogin(db: Db, id: string): Promise<number> {
  return inTransaction(db, async function countFailure(trx) {
    await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const row = await trx
      .selectFrom('users')
      .select('failed_logins')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.failed_logins ?? 0;
  });
}

/** Locks an account until the given time. */
export async function lockUser(db: Db, id: string, until: string): Promise<void> {
  await db.updateTable('users').set({ locked_until: until }).where('id', '=', id).execute();
}

/** Clears failed logins and any lock (after a successful login or by an admin). */
export async function resetLoginFailures(db: Db, id: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** Records one login attempt for a rate-limit key (e.g. `ip:127.0.0.1`). */
export async function recordLoginAttempt(
  db: Db,
  key: string,
  at: string = nowIso(),
): Promise<void> {
  await db.insertInto('login_attempts').values({ key, at }).execute();
}

/** Attempts for a key since a time. */
export async function countLoginAttempts(db: Db, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Forgets attempts older than a time. */
export async function pruneLoginAttempts(db: Db, before: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}
