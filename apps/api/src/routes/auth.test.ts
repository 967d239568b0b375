import { getSession, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { sessionIdFromToken } from '../session';
import { seedPassword } from '../testing/seed';
import { createTestApp, type TestApp } from '../testing/test-app';

const hour = 60 * 60 * 1000;

describeEachDatabase('auth routes', (getDb) => {
  let t: TestApp;
  let clock = new Date('2026-04-01T00:00:00Z').getTime();
  beforeAll(async () => {
    t = await createTestApp(getDb().db, { now: () => new Date(clock), trustProxy: true });
  });

  it('signs in with a Lucia-style opaque token stored only as its sha256', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      json: { username: 'center1', password: seedPassword },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: {
        id: t.seed.users.family_center.id,
        username: 'center1',
        role: 'family_center',
        school: null,
      },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mimamori_session=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const token = /^mimamori_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const id = sessionIdFromToken(token);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await getSession(getDb().db, id, new Date(clock).toISOString()))?.user.username).toBe(
      'center1',
    );
    expect(await getSession(getDb().db, token)).toBeUndefined();
    const me = await t.call('GET', '/api/auth/me', { cookie: `mimamori_session=${token}` });
    expect(await me.json()).toMatchObject({ user: { username: 'center1' } });
  });

  it('marks the cookie Secure outside localhost', async () => {
    const res = await t.app.request('https://mimamori.example/api/auth/login', {
      method: 'POST',
      headers: {
        origin: 'https://mimamori.example',
        host: 'mimamori.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ username: 'center1', password: seedPassword }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers wrong passwords and unknown users alike, and audits both', async () => {
    const wrong = await t.call('POST', '/api/auth/login', {
      json: { username: 'editor1', password: 'not-the-password' },
    });
    const unknown = await t.call('POST', '/api/auth/login', {
      json: { username: 'nobody-here', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const failures = await listAudit(getDb().db, { action: 'auth.login.failure' });
    expect(failures.map((f) => f.details.reason)).toEqual(
      expect.arrayContaining(['bad_password', 'unknown_user']),
    );
    expect(JSON.stringify(failures)).not.toContain('not-the-password');
    expect(JSON.stringify(failures)).not.toContain('nobody-here');
    const successes = await listAudit(getDb().db, { action: 'auth.login.success' });
    expect(successes[0]).toMatchObject({
      actorId: t.seed.users.family_center.id,
      targetType: 'user',
    });
  });

  it('locks an account after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/api/auth/login', {
        json: { username: 'it1', password: `wrong-${i}` },
        headers: { 'x-forwarded-for': `10.0.0.${i}` },
      });
      expect(res.status).toBe(401);
    }
    const locked = await t.call('POST', '/api/auth/login', {
      json: { username: 'it1', password: seedPassword },
      headers: { 'x-forwarded-for': '10.0.1.1' },
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(await locked.json()).toMatchObject({ code: 'login_locked' });
    clock += 16 * 60 * 1000;
    expect(
      (
        await t.call('POST', '/api/auth/login', {
          json: { username: 'it1', password: seedPassword },
        })
      ).status,
    ).toBe(200);
  });

  it('holds the account lockout against a parallel burst (the right password too)', async () => {
    const burst = Array.from({ length: 12 }, (_, i) =>
      t.call('POST', '/api/auth/login', {
        json: { username: 'editor1', password: i === 11 ? seedPassword : `wrong-${i}` },
        headers: { 'x-forwarded-for': `10.9.0.${i}` },
      }),
    );
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    clock += 16 * 60 * 1000;
  });

  it('holds the address limit against a parallel burst over many usernames', async () => {
    const burst = Array.from({ length: 40 }, (_, i) =>
      t.call('POST', '/api/auth/login', {
        json: { username: `spray${i}`, password: 'whatever-pass' },
        headers: { 'x-forwarded-for': '192.0.2.99' },
      }),
    );
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    clock += 16 * 60 * 1000;
  });

  it('limits failures per address (20 per 15 minutes)', async () => {
    for (let i = 0; i < 20; i++) {
      await t.call('POST', '/api/auth/login', {
        json: { username: `ghost${i}`, password: 'whatever-pass' },
        headers: { 'x-forwarded-for': '192.0.2.7' },
      });
    }
    const res = await t.call('POST', '/api/auth/login', {
      json: { username: 'admin1', password: seedPassword },
      headers: { 'x-forwarded-for': '192.0.2.7' },
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'login_rate_limited' });
    clock += 16 * 60 * 1000;
  });

  it('ends a session after 8 idle hours, and 12 hours after sign-in however busy', async () => {
    const cookie = await t.login('editor1');
    clock += 5 * hour;
    const renewed = await t.call('GET', '/api/auth/me', { cookie });
    expect(renewed.status).toBe(200);
    const expires = /Expires=([^;]+)/.exec(renewed.headers.get('set-cookie') ?? '')?.[1] ?? '';
    // Extended to 8 hours from now, but never past 12 hours after sign-in.
    expect(new Date(expires).getTime()).toBe(clock + 7 * hour);
    clock += 6 * hour;
    expect((await t.call('GET', '/api/auth/me', { cookie })).status).toBe(200);
    clock += 1 * hour;
    const expired = await t.call('GET', '/api/auth/me', { cookie });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('set-cookie')).toContain('mimamori_session=;');
    const idle = await t.login('editor1');
    clock += 8 * hour;
    expect((await t.call('GET', '/api/auth/me', { cookie: idle })).status).toBe(401);
  });

  it('logs out one session, or every session', async () => {
    const a = await t.login('center1');
    const b = await t.login('center1');
    expect((await t.call('POST', '/api/auth/logout', { cookie: a })).status).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie: a })).status).toBe(401);
    expect((await t.call('GET', '/api/auth/me', { cookie: b })).status).toBe(200);
    const c = await t.login('center1');
    const all = await t.call('POST', '/api/auth/logout-all', { cookie: c });
    expect(await all.json()).toMatchObject({ ok: true });
    expect((await t.call('GET', '/api/auth/me', { cookie: b })).status).toBe(401);
    expect((await t.call('GET', '/api/auth/me', { cookie: c })).status).toBe(401);
  });

  it('ignores forged or malformed session cookies', async () => {
    for (const cookie of [
      'mimamori_session=abc',
      `mimamori_session=${'a'.repeat(32)}`,
      'mimamori_session=%00%ff',
    ]) {
      expect((await t.call('GET', '/api/auth/me', { cookie })).status).toBe(401);
    }
  });
});
