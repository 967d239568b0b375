import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing';
import { appendAudit } from './audit';
import { clearLoginAttempts, searchAudit } from './api-queries';
import { countLoginAttempts, recordLoginAttempt } from './users';

describeEachDatabase('api queries', (getDb) => {
  it('clears the failed attempts of one key only', async () => {
    const { db } = getDb();
    await recordLoginAttempt(db, 'account:a', '2026-04-01T00:00:00.000Z');
    await recordLoginAttempt(db, 'account:b', '2026-04-01T00:00:00.000Z');
    await clearLoginAttempts(db, 'account:a');
    expect(await countLoginAttempts(db, 'account:a', '2000-01-01')).toBe(0);
    expect(await countLoginAttempts(db, 'account:b', '2000-01-01')).toBe(1);
  });

  it('pages the audit log by action, actor and date with an exact total', async () => {
    const { db } = getDb();
    const entry = (action: string, at: string, actorId = 'u1') =>
      appendAudit(db, {
        actorId,
        actorRole: 'admin',
        action,
        targetType: null,
        targetId: null,
        ip: null,
        at,
      });
    await entry('login', '2026-04-01T09:00:00.000Z');
    await entry('login', '2026-04-02T23:59:00.000Z');
    await entry('publish', '2026-04-02T10:00:00.000Z', 'u2');
    await entry('login', '2026-04-03T00:00:00.000Z');
    const day = await searchAudit(db, {
      from: '2026-04-02',
      to: '2026-04-02',
      limit: 10,
      offset: 0,
    });
    expect(day.total).toBe(2);
    expect(day.items.map((e) => e.action).sort()).toEqual(['login', 'publish']);
    const logins = await searchAudit(db, { action: 'login', limit: 1, offset: 1 });
    expect(logins.total).toBe(3);
    expect(logins.items).toHaveLength(1);
    expect(logins.items[0]?.at).toBe('2026-04-02T23:59:00.000Z');
    expect((await searchAudit(db, { actorId: 'u2', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('treats a date that is not on the calendar as text instead of throwing', async () => {
    const { db } = getDb();
    const page = await searchAudit(db, {
      from: '2026-13-45',
      to: '2026-13-45',
      limit: 10,
      offset: 0,
    });
    expect(page).toEqual({ items: [], total: 0 });
  });
});

describe('searchAudit', () => {
  it('is exported from the package entry', async () => {
    expect(typeof (await import('../index')).searchAudit).toBe('function');
  });
});
