import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('audit log route', (getDb) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    cookie = await t.login('admin1');
  });

  it('answers 400 for a from or to that is not an ISO date or UTC timestamp', async () => {
    for (const [key, value] of [
      ['to', '2026-13-45'],
      ['from', '2026-13-45'],
      ['to', '2026-02-30'],
      ['from', 'yesterday'],
      ['to', '2026-04-01T25:00:00Z'],
    ] as const) {
      const res = await t.call('GET', `/api/audit?${key}=${value}`, { cookie });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ path: `/${key}` })],
      });
    }
  });

  it('filters by ISO dates and UTC timestamps', async () => {
    for (const query of [
      'from=2000-01-01&to=2999-12-31',
      'from=2000-01-01T00:00:00Z&to=2999-12-31T23:59:59.999Z',
    ]) {
      const res = await t.call('GET', `/api/audit?${query}`, { cookie });
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
    }
    const none = await t.call('GET', '/api/audit?to=2000-01-01', { cookie });
    expect(await none.json()).toEqual([]);
  });
});
