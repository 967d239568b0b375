import { expect, it } from 'vitest';
import { isUniqueViolation } from '../db-error';
import { describeEachDatabase } from '../testing';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  extendSession,
  getSession,
} from './sessions';
import {
  countLoginAttempts,
  createUser,
  findUserByUsername,
  getUser,
  listUsers,
  lockUser,
  pruneLoginAttempts,
  recordFailedLogin,
  recordLoginAttempt,
  resetLoginFailures,
  updateUser,
} from './users';

describeEachDatabase('users and sessions', (getDb) => {
  it('creates users with unique usernames', async () => {
    const { db } = getDb();
    const user = await createUser(db, {
      id: 'u1',
      username: 'sato',
      passwordHash: '$argon2id$x',
      role: 'teacher',
      school: 'S01',
      displayName: '佐藤',
    });
    expect(await findUserByUsername(db, 'sato')).toEqual(user);
    const duplicate = createUser(db, {
      username: 'sato',
      passwordHash: 'x',
      role: 'it',
      displayName: 'x',
    });
    await expect(duplicate).rejects.toSatisfy(isUniqueViolation);
    await updateUser(db, 'u1', { disabled: true, role: 'family_center', school: null });
    expect(await getUser(db, 'u1')).toMatchObject({
      disabled: true,
      role: 'family_center',
      school: null,
    });
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['sato']);
  });

  it('counts failed logins, locks and resets', async () => {
    const { db } = getDb();
    expect(await recordFailedLogin(db, 'u1')).toBe(1);
    expect(await recordFailedLogin(db, 'u1')).toBe(2);
    await lockUser(db, 'u1', '2030-01-01T00:00:00.000Z');
    expect(await getUser(db, 'u1')).toMatchObject({
      failedLogins: 2,
      lockedUntil: '2030-01-01T00:00:00.000Z',
    });
    await resetLoginFailures(db, 'u1');
    expect(await getUser(db, 'u1')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('rate-limits login attempts per key', async () => {
    const { db } = getDb();
    for (const at of [
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:05:00.000Z',
      '2026-01-01T00:10:00.000Z',
    ]) {
      await recordLoginAttempt(db, 'ip:10.0.0.1', at);
    }
    expect(await countLoginAttempts(db, 'ip:10.0.0.1', '2026-01-01T00:04:00.000Z')).toBe(2);
    await pruneLoginAttempts(db, '2026-01-01T00:06:00.000Z');
    expect(await countLoginAttempts(db, 'ip:10.0.0.1', '2000-01-01T00:00:00.000Z')).toBe(1);
  });

  it('finds live sessions only, slides expiry and logs out everywhere', async () => {
    const { db } = getDb();
    const now = '2026-06-01T12:00:00.000Z';
    await createSession(db, {
      id: 's1',
      userId: 'u1',
      expiresAt: '2026-06-01T13:00:00.000Z',
      ip: null,
      userAgent: 'ua',
    });
    await createSession(db, {
      id: 's2',
      userId: 'u1',
      expiresAt: '2026-06-01T11:00:00.000Z',
      ip: null,
      userAgent: null,
    });
    const live = await getSession(db, 's1', now);
    expect(live?.user.username).toBe('sato');
    expect(live?.session).toMatchObject({ id: 's1', userId: 'u1', userAgent: 'ua' });
    expect(await getSession(db, 's2', now)).toBeUndefined();
    expect(await getSession(db, 's1', '2026-06-01T13:00:00.000Z')).toBeUndefined();
    await extendSession(db, 's1', '2026-06-02T00:00:00.000Z', now);
    expect(await getSession(db, 's1', '2026-06-01T18:00:00.000Z')).toBeDefined();
    expect(await deleteExpiredSessions(db, now)).toBe(1);
    await createSession(db, {
      id: 's3',
      userId: 'u1',
      expiresAt: '2030-01-01T00:00:00.000Z',
      ip: null,
      userAgent: null,
    });
    await deleteSession(db, 's3');
    expect(await getSession(db, 's3', now)).toBeUndefined();
    expect(await deleteUserSessions(db, 'u1')).toBe(1);
    expect(await getSession(db, 's1', now)).toBeUndefined();
  });
});
