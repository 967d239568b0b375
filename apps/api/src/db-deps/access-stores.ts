import {
  appendAudit,
  clearLoginAttempts,
  countLoginAttempts,
  createSession,
  createUser,
  deleteSession,
  deleteUserSessions,
  extendSession,
  findUserByUsername,
  getSession,
  getUser,
  listUsers,
  recordLoginAttempt,
  searchAudit,
  isUniqueViolation,
  updateUser,
  type Db,
  type User,
} from '@mimamori/db';
import type { AuditStore, LoginAttemptStore, SessionStore, UserRecord, UserStore } from '../deps';

function toUserRecord(user: User): UserRecord {
  return {
    id: user.id,
    username: user.username,
    passwordHash: user.passwordHash,
    role: user.role,
    school: user.school,
    displayName: user.displayName,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

/** Staff accounts on `@mimamori/db`. */
export function createUserStore(db: Db): UserStore {
  return {
    async findByUsername(username) {
      const user = await findUserByUsername(db, username);
      return user && toUserRecord(user);
    },
    async findById(id) {
      const user = await getUser(db, id);
      return user && toUserRecord(user);
    },
    async list() {
      return (await listUsers(db)).map(toUserRecord);
    },
    async create(input) {
      try {
        return toUserRecord(await createUser(db, input));
      } catch (error) {
        // Two requests for one name at once: the index decides, the loser hears `duplicate`.
        if (isUniqueViolation(error))
          throw Object.assign(new Error('username taken'), { code: 'duplicate' });
        throw error;
      }
    },
    async update(id, patch) {
      if ((await getUser(db, id)) === undefined) return undefined;
      await updateUser(db, id, patch);
      const user = await getUser(db, id);
      return user && toUserRecord(user);
    },
  };
}

/** Sessions on `@mimamori/db` (ISO strings there, Dates here). */
export function createSessionStore(db: Db, now: () => Date): SessionStore {
  return {
    async create(session) {
      await createSession(db, {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt.toISOString(),
        createdAt: session.createdAt.toISOString(),
        ip: session.ip,
        userAgent: session.userAgent,
      });
    },
    async find(id) {
      const found = await getSession(db, id, now().toISOString());
      if (found === undefined) return undefined;
      const { session } = found;
      return {
        id: session.id,
        userId: session.userId,
        expiresAt: new Date(session.expiresAt),
        createdAt: new Date(session.createdAt),
        ip: session.ip,
        userAgent: session.userAgent,
      };
    },
    async extend(id, expiresAt) {
      await extendSession(db, id, expiresAt.toISOString(), now().toISOString());
    },
    async delete(id) {
      await deleteSession(db, id);
    },
    deleteForUser(userId) {
      return deleteUserSessions(db, userId);
    },
  };
}

/** Failed-login counters on the `login_attempts` table. */
export function createLoginAttemptStore(db: Db): LoginAttemptStore {
  return {
    async record(key, at) {
      await recordLoginAttempt(db, key, at.toISOString());
    },
    countSince(key, since) {
      return countLoginAttempts(db, key, since.toISOString());
    },
    clear(key) {
      return clearLoginAttempts(db, key);
    },
  };
}

/** The hash-chained audit log on `@mimamori/db`. */
export function createAuditStore(db: Db): AuditStore {
  return {
    async append(entry) {
      await appendAudit(db, entry);
    },
    async list(query) {
      const { items: rows, total } = await searchAudit(db, {
        action: query.action,
        actorId: query.actor,
        from: query.from,
        to: query.to,
        limit: query.limit,
        offset: query.offset,
      });
      const items = rows.map(function toApiEntry(row) {
        return {
          id: String(row.seq),
          at: row.at,
          actor: row.actorId ?? 'anonymous',
          actorRole: row.actorRole,
          action: row.action,
          ...(row.targetType === null ? {} : { target: `${row.targetType}:${row.targetId ?? ''}` }),
          ...(row.ip === null ? {} : { address: row.ip }),
          detail: row.details,
        };
      });
      return { items, total };
    },
  };
}
