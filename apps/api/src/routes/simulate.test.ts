import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import type { SimulationResult } from '../schemas/simulate';
import { demoDocument } from '../testing/seed';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('single-child simulator', (getDb) => {
  let t: TestApp;
  let editor: string;
  let center: string;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    editor = await t.login('editor1');
    center = await t.login('center1');
  });
  const simulate = (cookie: string, json: unknown) =>
    t.call('POST', '/api/rule-sets/demo/simulate', { cookie, json });

  it('lights every condition for typed facts against the published version', async () => {
    const res = await simulate(editor, { facts: { 'school.absenceDays': 42 } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as SimulationResult;
    expect(result.scores).toEqual({ futoko: { points: 3, level: 'watch' } });
    expect(result.rules).toEqual([
      expect.objectContaining({
        ruleId: 'absence',
        type: 'futoko',
        points: 3,
        fired: true,
        explanation: '欠席が多い',
        conditions: {
          kind: 'all',
          result: true,
          skipped: false,
          children: [
            {
              fact: 'school.absenceDays',
              label: '欠席日数',
              value: 42,
              operator: 'greaterThanInclusive',
              expected: 30,
              result: true,
              skipped: false,
            },
          ],
        },
      }),
    ]);
  });

  it("uses a child's stored facts, typed facts over them, and audits the read", async () => {
    const { flaggedS0, dv } = t.seed.children;
    const stored = (await (
      await simulate(center, { childId: flaggedS0 })
    ).json()) as SimulationResult;
    expect(stored.scores.futoko?.level).toBe('watch');
    const overridden = (await (
      await simulate(center, { childId: flaggedS0, facts: { 'school.absenceDays': 1 } })
    ).json()) as SimulationResult;
    expect(overridden.scores.futoko).toEqual({ points: 0, level: null });
    expect(overridden.rules[0]?.fired).toBe(false);
    const dvRes = await simulate(center, { childId: dv });
    expect(JSON.stringify(await dvRes.json())).not.toMatch(/試験|address|birth|residentNumber/);
    const audited = (await listAudit(getDb().db, {})).filter((e) => e.action === 'child.simulate');
    expect(audited.map((e) => e.targetId)).toEqual(expect.arrayContaining([flaggedS0, dv]));
  });

  it('simulates an unsaved draft document', async () => {
    const res = await simulate(editor, {
      document: demoDocument(2, 10),
      facts: { 'school.absenceDays': 42 },
    });
    expect(((await res.json()) as SimulationResult).scores.futoko).toEqual({
      points: 3,
      level: null,
    });
  });

  it('answers 422 with paths for an invalid draft, 404 for unknown child or rule set', async () => {
    const invalid = await simulate(editor, { document: { id: 'demo' }, facts: {} });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('invalid_rule_set');
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.every((e) => e.path.startsWith('/'))).toBe(true);
    expect((await simulate(editor, { childId: 'nobody' })).status).toBe(404);
    expect(
      (await t.call('POST', '/api/rule-sets/none/simulate', { cookie: editor, json: {} })).status,
    ).toBe(404);
  });

  it('refuses teachers and IT', async () => {
    for (const name of ['teacher1', 'it1']) {
      const res = await simulate(await t.login(name), { facts: {} });
      expect(res.status).toBe(403);
    }
  });
});
