import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { demoDocument } from '../testing/seed';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('rule-set routes', (getDb) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    cookie = await t.login('editor1');
  });

  it('drafts, validates, tests, publishes as a new version, and rolls back', async () => {
    const created = await t.call('POST', '/api/rule-sets/demo/drafts', {
      cookie,
      json: { document: demoDocument(2, 4) },
    });
    expect(created.status).toBe(201);
    const { draftId } = (await created.json()) as { draftId: string };
    expect(
      (
        await t.call('PUT', `/api/rule-sets/demo/drafts/${draftId}`, {
          cookie,
          json: { document: demoDocument(2, 5) },
        })
      ).status,
    ).toBe(200);
    expect(
      await (await t.call('GET', `/api/rule-sets/demo/drafts/${draftId}`, { cookie })).json(),
    ).toMatchObject({ document: { version: 2 } });
    expect(
      await (
        await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/validate`, { cookie })
      ).json(),
    ).toEqual({ ok: true, errors: [] });
    expect(
      await (await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/test`, { cookie })).json(),
    ).toMatchObject({ cases: [{ passed: true }] });
    const published = await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/publish`, {
      cookie,
      json: { note: 'raise threshold' },
    });
    expect(published.status).toBe(200);
    const { version } = (await published.json()) as { version: number };
    expect(
      (
        await t.call('PUT', `/api/rule-sets/demo/drafts/${draftId}`, {
          cookie,
          json: { document: demoDocument() },
        })
      ).status,
    ).toBe(404);
    const versions = (await (
      await t.call('GET', '/api/rule-sets/demo/versions', { cookie })
    ).json()) as { version: number; note?: string }[];
    expect(versions.map((v) => v.version)).toContain(version);
    expect(versions.find((v) => v.version === version)?.note).toBe('raise threshold');
    expect(
      (await t.call('GET', `/api/rule-sets/demo/diff?from=1&to=${version}`, { cookie })).status,
    ).toBe(200);
    const rollback = await t.call('POST', '/api/rule-sets/demo/rollback', {
      cookie,
      json: { version: 1, note: 'back' },
    });
    expect(rollback.status).toBe(200);
    const again = (await rollback.json()) as { version: number };
    expect(again.version).toBeGreaterThan(version);
    expect(
      await (
        await t.call('GET', `/api/rule-sets/demo/versions/${again.version}`, { cookie })
      ).json(),
    ).toEqual({ document: demoDocument() });
    const list = (await (await t.call('GET', '/api/rule-sets', { cookie })).json()) as {
      id: string;
      current: { version: number };
    }[];
    expect(list[0]).toMatchObject({ id: 'demo', current: { version: again.version } });
    const actions = (await listAudit(getDb().db, {})).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'rule_set.draft.create',
        'rule_set.draft.update',
        'rule_set.publish',
        'rule_set.rollback',
      ]),
    );
  });

  it('refuses to publish an invalid draft (422 with JSON pointers)', async () => {
    const { draftId } = (await (
      await t.call('POST', '/api/rule-sets/demo/drafts', {
        cookie,
        json: { document: { title: 'x' } },
      })
    ).json()) as { draftId: string };
    const res = await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/publish`, {
      cookie,
      json: { note: 'n' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'invalid_rule_set',
      errors: expect.arrayContaining([expect.objectContaining({ path: '/rules' })]),
    });
  });

  it('answers 404 for unknown rule sets, drafts and versions', async () => {
    expect((await t.call('GET', '/api/rule-sets/nope/versions', { cookie })).status).toBe(404);
    expect((await t.call('GET', '/api/rule-sets/demo/versions/999', { cookie })).status).toBe(404);
    expect(
      (await t.call('POST', '/api/rule-sets/nope/drafts', { cookie, json: { document: {} } }))
        .status,
    ).toBe(404);
    expect((await t.call('GET', '/api/rule-sets/demo/drafts/nope', { cookie })).status).toBe(404);
  });
});
