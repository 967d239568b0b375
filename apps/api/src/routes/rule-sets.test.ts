import { createUser, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../password';
import { demoDocument, seedPassword } from '../testing/seed';
import { createTestApp, testPasswordCost, type TestApp } from '../testing/test-app';

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

  it('refuses documents nested deeper than 64 levels with 400, before storing them', async () => {
    const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const send = (method: string, path: string, levels: number) =>
      t.call(method, path, {
        cookie,
        headers: { 'content-type': 'application/json' },
        body: `{"document":{"id":"demo","deep":${nested(levels)}}}`,
      });
    const deepest = await send('POST', '/api/rule-sets/demo/drafts', 63);
    expect(deepest.status).toBe(201);
    const { draftId } = (await deepest.json()) as { draftId: string };
    for (const [method, path] of [
      ['POST', '/api/rule-sets/demo/drafts'],
      ['PUT', `/api/rule-sets/demo/drafts/${draftId}`],
    ] as const) {
      for (const levels of [64, 5_000]) {
        const res = await send(method, path, levels);
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(await res.json()).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: '/document', message: expect.stringContaining('64') }],
        });
      }
    }
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

  describe('second-person approval', () => {
    let admin: string;
    let editor2: string;
    let editor2Id: string;
    const base = '/api/rule-sets/demo';
    type Summary = {
      id: string;
      approvalRequired: boolean;
      current: { version: number };
      approvals: {
        draftId: string;
        status: string;
        note: string;
        requestedBy: string;
        requestedByName: string | null;
        reason: string | null;
        decidedByName: string | null;
      }[];
    };
    const summary = async () =>
      ((await (await t.call('GET', '/api/rule-sets', { cookie })).json()) as Summary[]).find(
        (s) => s.id === 'demo',
      )!;
    async function newDraft(minPoints: number): Promise<string> {
      const res = await t.call('POST', `${base}/drafts`, {
        cookie,
        json: { document: demoDocument(2, minPoints) },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { draftId: string }).draftId;
    }
    const ask = (draftId: string, who = cookie, note = '閾値を変更') =>
      t.call('POST', `${base}/drafts/${draftId}/request-approval`, { cookie: who, json: { note } });
    const approve = (draftId: string, who: string) =>
      t.call('POST', `${base}/drafts/${draftId}/approve`, { cookie: who });
    const actions = async () => (await listAudit(getDb().db, { limit: 500 })).map((e) => e.action);

    beforeAll(async () => {
      admin = await t.login('admin1');
      const hasher = createPasswordHasher(testPasswordCost);
      editor2Id = (
        await createUser(getDb().db, {
          username: 'editor2',
          passwordHash: await hasher.hash(seedPassword),
          role: 'rule_editor',
          school: null,
          displayName: 'editor2',
        })
      ).id;
      editor2 = await t.login('editor2');
    });

    it('is off by default; only the admin switches it, and the switch is audited', async () => {
      expect(await summary()).toMatchObject({ approvalRequired: false, approvals: [] });
      for (const who of [cookie, editor2, await t.login('center1')]) {
        const res = await t.call('PUT', `${base}/settings`, {
          cookie: who,
          json: { approvalRequired: true },
        });
        expect(res.status).toBe(403);
      }
      const res = await t.call('PUT', `${base}/settings`, {
        cookie: admin,
        json: { approvalRequired: true },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ approvalRequired: true });
      expect((await summary()).approvalRequired).toBe(true);
      // The admin reads the list (to find the switch) but does not edit rules.
      expect((await t.call('GET', '/api/rule-sets', { cookie: admin })).status).toBe(200);
      expect(
        (
          await t.call('PUT', '/api/rule-sets/nope/settings', {
            cookie: admin,
            json: { approvalRequired: true },
          })
        ).status,
      ).toBe(404);
      const [entry] = await listAudit(getDb().db, { action: 'rule_set.settings.update' });
      expect(entry).toMatchObject({
        actorRole: 'admin',
        targetId: 'demo',
        details: { approvalRequired: true, previous: false },
      });
    });

    it('refuses a direct publish or rollback with 409 approval_required', async () => {
      const draftId = await newDraft(4);
      const res = await t.call('POST', `${base}/drafts/${draftId}/publish`, {
        cookie,
        json: { note: 'direct' },
      });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'approval_required' });
      const rollback = await t.call('POST', `${base}/rollback`, {
        cookie,
        json: { version: 1, note: 'back' },
      });
      expect(rollback.status).toBe(409);
      expect(await rollback.json()).toMatchObject({ code: 'approval_required' });
    });

    it('publishes a requested draft when another editor approves, with approvedBy in the history', async () => {
      const before = (await summary()).current.version;
      const draftId = await newDraft(5);
      const requested = await ask(draftId);
      expect(requested.status).toBe(201);
      expect(await requested.json()).toMatchObject({
        draftId,
        status: 'pending',
        kind: 'publish',
        note: '閾値を変更',
        requestedBy: t.users.rule_editor.id,
        requestedByName: 'editor1',
      });
      expect((await ask(draftId)).status).toBe(409);
      expect((await summary()).approvals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ draftId, status: 'pending', requestedByName: 'editor1' }),
        ]),
      );
      const diff = await t.call('GET', `${base}/drafts/${draftId}/diff`, { cookie: editor2 });
      expect(diff.status).toBe(200);
      expect(((await diff.json()) as { thresholds: unknown[] }).thresholds).toHaveLength(1);

      const self = await approve(draftId, cookie);
      expect(self.status).toBe(403);
      expect(await self.json()).toMatchObject({ code: 'approval_same_person' });
      expect((await summary()).current.version).toBe(before);

      const approved = await approve(draftId, editor2);
      expect(approved.status).toBe(200);
      const { version } = (await approved.json()) as { version: number };
      expect((await summary()).current.version).toBe(version);
      expect((await summary()).approvals.some((a) => a.draftId === draftId)).toBe(false);
      const history = (await (await t.call('GET', `${base}/versions`, { cookie })).json()) as {
        version: number;
      }[];
      expect(history.find((v) => v.version === version)).toMatchObject({
        note: '閾値を変更',
        publishedBy: t.users.rule_editor.id,
        publishedByName: 'editor1',
        approvedBy: editor2Id,
        approvedByName: 'editor2',
      });
      expect((await approve(draftId, editor2)).status).toBe(404);
      const [entry] = await listAudit(getDb().db, { action: 'rule_set.approval.approve' });
      expect(entry).toMatchObject({
        actorId: editor2Id,
        details: { draftId, version, requestedBy: t.users.rule_editor.id },
      });
      expect(await actions()).toContain('rule_set.approval.request');
    });

    it('cancels the request when the draft is saved again', async () => {
      const draftId = await newDraft(6);
      expect((await ask(draftId)).status).toBe(201);
      const saved = await t.call('PUT', `${base}/drafts/${draftId}`, {
        cookie,
        json: { document: demoDocument(2, 7) },
      });
      expect(saved.status).toBe(200);
      expect((await summary()).approvals.some((a) => a.draftId === draftId)).toBe(false);
      const res = await approve(draftId, editor2);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'approval_not_pending' });
      const [entry] = await listAudit(getDb().db, { action: 'rule_set.approval.cancel' });
      expect(entry).toMatchObject({ details: { draftId, why: 'draft_saved' } });
    });

    it('rejects with a reason: back to a draft, and the requester reads why', async () => {
      const draftId = await newDraft(6);
      expect((await ask(draftId)).status).toBe(201);
      expect(
        (
          await t.call('POST', `${base}/drafts/${draftId}/reject`, {
            cookie: editor2,
            json: { reason: '  ' },
          })
        ).status,
      ).toBe(400);
      const self = await t.call('POST', `${base}/drafts/${draftId}/reject`, {
        cookie,
        json: { reason: 'mine' },
      });
      expect(self.status).toBe(403);
      const rejected = await t.call('POST', `${base}/drafts/${draftId}/reject`, {
        cookie: editor2,
        json: { reason: '根拠の記載がありません' },
      });
      expect(rejected.status).toBe(200);
      expect((await t.call('GET', `${base}/drafts/${draftId}`, { cookie })).status).toBe(200);
      expect((await summary()).approvals.find((a) => a.draftId === draftId)).toMatchObject({
        status: 'rejected',
        reason: '根拠の記載がありません',
        decidedByName: 'editor2',
      });
      expect((await approve(draftId, editor2)).status).toBe(409);
      expect(await actions()).toContain('rule_set.approval.reject');
      // Asked again, it is pending again.
      expect((await ask(draftId)).status).toBe(201);
      expect((await summary()).approvals.find((a) => a.draftId === draftId)?.status).toBe(
        'pending',
      );
    });

    it('refuses to ask approval for a draft that does not validate', async () => {
      const { draftId } = (await (
        await t.call('POST', `${base}/drafts`, { cookie, json: { document: { title: 'x' } } })
      ).json()) as { draftId: string };
      const res = await ask(draftId);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: 'invalid_rule_set' });
    });

    it('rolls back under approval: a pending copy that another editor approves', async () => {
      const res = await t.call('POST', `${base}/rollback/request-approval`, {
        cookie,
        json: { version: 1, note: '元に戻す' },
      });
      expect(res.status).toBe(201);
      const request = (await res.json()) as { draftId: string; kind: string; fromVersion: number };
      expect(request).toMatchObject({ kind: 'rollback', fromVersion: 1 });
      expect((await approve(request.draftId, cookie)).status).toBe(403);
      const approved = await approve(request.draftId, editor2);
      expect(approved.status).toBe(200);
      const { version } = (await approved.json()) as { version: number };
      expect(await (await t.call('GET', `${base}/versions/${version}`, { cookie })).json()).toEqual(
        { document: demoDocument() },
      );
    });

    it('publishes directly again once the admin turns approval off', async () => {
      await t.call('PUT', `${base}/settings`, { cookie: admin, json: { approvalRequired: false } });
      const draftId = await newDraft(4);
      const res = await t.call('POST', `${base}/drafts/${draftId}/publish`, {
        cookie,
        json: { note: 'direct again' },
      });
      expect(res.status).toBe(200);
    });
  });
});
