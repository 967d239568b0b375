import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('user routes', (getDb) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    cookie = await t.login('admin1');
  });

  it('creates, updates, disables and resets passwords, never exposing hashes', async () => {
    const weak = await t.call('POST', '/api/users', {
      cookie,
      json: { username: 'sato', password: 'sato-short', role: 'it' },
    });
    expect(weak.status).toBe(422);
    expect(await weak.json()).toMatchObject({
      code: 'weak_password',
      errors: [{ message: 'too_short' }, { message: 'same_as_username' }],
    });
    expect(
      (
        await t.call('POST', '/api/users', {
          cookie,
          json: { username: 'sato', password: 'password1234', role: 'it' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.call('POST', '/api/users', {
          cookie,
          json: { username: 'sato', password: 'long-enough-pass', role: 'teacher' },
        })
      ).status,
    ).toBe(400);
    const created = await t.call('POST', '/api/users', {
      cookie,
      json: { username: 'sato', password: 'long-enough-pass', role: 'teacher', school: 'S2' },
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string };
    expect(JSON.stringify(user)).not.toContain('argon2');
    expect(
      (
        await t.call('POST', '/api/users', {
          cookie,
          json: { username: 'sato', password: 'long-enough-pass', role: 'it' },
        })
      ).status,
    ).toBe(409);
    const sato = await t.login('sato', 'long-enough-pass');
    expect(
      (await t.call('PATCH', `/api/users/${user.id}`, { cookie, json: { disabled: true } })).status,
    ).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie: sato })).status).toBe(401);
    expect(
      (
        await t.call('POST', '/api/auth/login', {
          json: { username: 'sato', password: 'long-enough-pass' },
        })
      ).status,
    ).toBe(401);
    await t.call('PATCH', `/api/users/${user.id}`, { cookie, json: { disabled: false } });
    expect(
      (
        await t.call('POST', `/api/users/${user.id}/password`, {
          cookie,
          json: { password: 'another-long-pass' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call('POST', '/api/auth/login', {
          json: { username: 'sato', password: 'another-long-pass' },
        })
      ).status,
    ).toBe(200);
  });

  it('keeps names unique whatever their case, also when created at once (409, never 500)', async () => {
    const create = (username: string) =>
      t.call('POST', '/api/users', {
        cookie,
        json: { username, password: 'long-enough-pass', role: 'it' },
      });
    const statuses = (await Promise.all(['newuser', 'NewUser', 'NEWUSER'].map(create))).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
    // One account, reached by any case of its name.
    expect(
      (
        await t.call('POST', '/api/auth/login', {
          json: { username: 'NEWuser', password: 'long-enough-pass' },
        })
      ).status,
    ).toBe(200);
  });

  it('keeps an admin from locking themselves out', async () => {
    const res = await t.call('PATCH', `/api/users/${t.seed.users.admin.id}`, {
      cookie,
      json: { role: 'it' },
    });
    expect(res.status).toBe(409);
  });
});
