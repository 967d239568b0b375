import { describeEachDatabase } from '@mimamori/db/testing';
import { childrensHallMapping } from '@mimamori/mapping';
import { beforeAll, expect, it } from 'vitest';
import { documentUsingFact } from '../testing/seed';
import { createTestApp, type TestApp } from '../testing/test-app';

type Inventory = {
  sources: {
    name: string;
    items: { factId: string; purpose: string; usedBy: { ruleSet: string; rule: string }[] }[];
  }[];
  factsWithoutPurpose: unknown[];
};

/** Every fact a rule-set document's rules read. */
function factsOf(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const child of node) factsOf(child, into);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.fact === 'string') into.add(record.fact);
    for (const value of Object.values(record)) factsOf(value, into);
  }
  return into;
}

describeEachDatabase('data inventory and the publish gate on declared purposes', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['editor1', 'teacher1', 'it1']) cookie[name] = await t.login(name);
  });

  async function draftAndPublish(document: Record<string, unknown>) {
    const created = await t.call('POST', '/api/rule-sets/demo/drafts', {
      cookie: cookie.editor1,
      json: { document },
    });
    const { draftId } = (await created.json()) as { draftId: string };
    return t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/publish`, {
      cookie: cookie.editor1,
      json: { note: 'new fact' },
    });
  }
  async function inventory(): Promise<Inventory> {
    return (await (
      await t.call('GET', '/api/inventory', { cookie: cookie.teacher1 })
    ).json()) as Inventory;
  }

  it('lists every fact the published rule set uses, with its purpose and rules', async () => {
    const published = (await (
      await t.call('GET', '/api/rule-sets/demo/versions/1', { cookie: cookie.editor1 })
    ).json()) as { document: { rules: unknown } };
    const used = factsOf(published.document.rules);
    expect(used.size).toBeGreaterThan(0);
    const items = (await inventory()).sources.flatMap((s) => s.items);
    for (const fact of used) {
      const item = items.find((i) => i.factId === fact);
      expect(item, fact).toBeDefined();
      expect(item?.purpose).not.toBe('');
      expect(item?.usedBy.map((u) => `${u.ruleSet}/${u.rule}`)).toContain('demo/absence');
    }
  });

  it('refuses to publish a rule on a fact with no declared purpose (422 undeclared_purpose)', async () => {
    const res = await draftAndPublish(documentUsingFact('library.loans', 2));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as {
      code: string;
      detail: string;
      errors: { path: string; code: string; messageJa: string }[];
    };
    expect(problem.code).toBe('undeclared_purpose');
    expect(problem.detail).toContain('library.loans');
    expect(problem.detail).toContain('利用目的');
    expect(problem.errors[0]).toMatchObject({
      path: '/rules/new-fact/facts/library.loans',
      code: 'undeclared_fact',
      messageJa: expect.stringContaining('library.loans'),
    });
  });

  it('publishes once a mapped source declares the fact, and the inventory shows its use', async () => {
    const saved = await t.call('POST', '/api/sources', {
      cookie: cookie.it1,
      json: { mapping: childrensHallMapping() },
    });
    expect(saved.status).toBe(201);
    const res = await draftAndPublish(documentUsingFact('childrensHall.visitDays', 2));
    expect(res.status).toBe(200);
    const hall = (await inventory()).sources.find((s) => s.name === 'childrens-hall');
    expect(hall?.items.find((i) => i.factId === 'childrensHall.visitDays')?.usedBy).toEqual([
      { ruleSet: 'demo', rule: 'new-fact', label: 'new-fact' },
    ]);
  });

  it('renders the printable Japanese document as HTML or Markdown', async () => {
    const html = await t.call('GET', '/api/inventory/document', { cookie: cookie.teacher1 });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/style-src 'sha256-/);
    const page = await html.text();
    expect(page).toContain('利用目的');
    expect(page).toContain('児童館来館記録');
    const md = await t.call('GET', '/api/inventory/document?format=md', {
      cookie: cookie.teacher1,
    });
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toContain('来館日数');
    expect((await t.call('GET', '/api/inventory')).status).toBe(401);
  });
});
