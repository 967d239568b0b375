import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAudit, listBatches, listReviewQueue, tableCounts } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { createScorer, loadRuleSet } from '@mimamori/engine';
import { loadChildren } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { beforeAll, expect, it } from 'vitest';
import type { PreviewResult } from '../schemas/preview';
import { createVillageTestApp, repoRoot, testAsOf, type VillageTestApp } from '../testing/test-app';

const comma = 0x2c;
const newline = 0x0a;

/**
 * Replaces one cell of a CSV file byte-wise (CP932 never uses `,` or LF inside a character, so
 * splitting bytes is safe). `line` is 1-based (1 = header), `cell` 0-based.
 */
function editCell(
  bytes: Uint8Array,
  line: number,
  cell: number,
  value: string,
): Uint8Array<ArrayBuffer> {
  let start = 0;
  for (let l = 1; l < line; l += 1) start = bytes.indexOf(newline, start) + 1;
  for (let c = 0; c < cell; c += 1) start = bytes.indexOf(comma, start) + 1;
  const end = [bytes.indexOf(comma, start), bytes.indexOf(newline, start)]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b));
  const out = new Uint8Array([
    ...bytes.subarray(0, start),
    ...new TextEncoder().encode(value),
    ...bytes.subarray(end),
  ]);
  return out;
}

const demoDocument = () =>
  JSON.parse(readFileSync(join(repoRoot, 'rules', 'demo.rules.json'), 'utf8')) as {
    rules: { id: string; name?: { ja: string }; event: { params: { rationale: string } } }[];
    types: {
      id: string;
      label: { ja: string };
      levels: { id: string; label: { ja: string }; minPoints: number }[];
    }[];
  } & Record<string, unknown>;

describeEachDatabase('production deps over the synthetic village', (getDb) => {
  const children = 120;
  const village = generateVillage({ children, seed: 1, asOf: testAsOf });
  const schoolFile = village.files.find((f) => f.connector === 'school');
  let t: VillageTestApp;
  let it1: string;
  let editor: string;
  let center: string;
  beforeAll(async () => {
    t = await createVillageTestApp(getDb().db, { children, seed: 1 });
    [it1, editor, center] = await Promise.all([
      t.login('it1'),
      t.login('editor1'),
      t.login('center1'),
    ]);
  });

  function upload(name: string, bytes: Uint8Array<ArrayBuffer>, dryRun: boolean) {
    const form = new FormData();
    form.set('file', new File([bytes], name, { type: 'text/csv' }));
    form.set('connector', 'school');
    form.set('dryRun', String(dryRun));
    form.set('progressId', `test-${name.replace(/\W/g, '')}-${String(dryRun)}`);
    return t.call('POST', '/api/imports', { cookie: it1, body: form });
  }

  it('dry-runs a bad file: issues by line and column, nothing stored', async () => {
    if (schoolFile === undefined) throw new Error('no school file in the village');
    const dataTables = async () => {
      const {
        audit_log: _log,
        audit_head: _head,
        sessions: _sessions,
        // Rejected attempts are logged with their issues (no data): not a data table.
        import_attempts: _attempts,
        ...rest
      } = await tableCounts(getDb().db);
      return rest;
    };
    const before = await dataTables();
    const bad = editCell(schoolFile.bytes, 3, 6, 'abc');
    const res = await upload('gakko.csv', bad, true);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; issues: { line: number; column: number }[] };
    expect(body.ok).toBe(false);
    expect(body.issues[0]).toMatchObject({ file: 'gakko.csv', line: 3, column: 7 });
    expect(JSON.stringify(body)).not.toContain('abc');
    // Commit mode stores nothing either (all-or-nothing).
    expect(((await (await upload('gakko.csv', bad, false)).json()) as { ok: boolean }).ok).toBe(
      false,
    );
    expect(await dataTables()).toEqual(before);
    expect((await tableCounts(getDb().db)).import_attempts).toBe(1);
  });

  it('commits an import, lists the batch and replays its progress as SSE', async () => {
    if (schoolFile === undefined) throw new Error('no school file in the village');
    const changed = editCell(schoolFile.bytes, 2, 6, '45');
    const res = await upload('gakko2.csv', changed, false);
    const body = (await res.json()) as { ok: boolean; summary: { batchId?: string } };
    expect(body).toMatchObject({ ok: true, summary: { batchId: expect.any(String) } });
    const batchId = body.summary.batchId ?? '';
    const list = (await (await t.call('GET', '/api/imports', { cookie: it1 })).json()) as {
      id: string;
    }[];
    expect(list.map((b) => b.id)).toContain(batchId);
    expect((await t.call('GET', `/api/imports/${batchId}`, { cookie: it1 })).status).toBe(200);
    const events = await (
      await t.call('GET', `/api/imports/${batchId}/events`, { cookie: it1 })
    ).text();
    expect(events).toContain('"phase":"store"');
    expect(events).toContain('event: done');
    const batches = await listBatches(getDb().db, { connector: 'school' });
    expect(batches.map((b) => b.id)).toContain(batchId);
  });

  it('previews a threshold move consistently with a direct scorer computation', async () => {
    const levels = { bullying_absence: { watch: 3 }, abuse: { support: 9 } };
    const res = await t.call('POST', '/api/preview', {
      cookie: editor,
      json: { ruleSetId: 'demo', levels },
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as PreviewResult;
    const loaded = loadRuleSet(demoDocument());
    if (!loaded.ok) throw new Error('demo rule set invalid');
    const scorer = createScorer(loaded.ruleSet);
    const facts = [...(await loadChildren(getDb().db)).values()].map((c) => c.facts);
    const count = (table: ReturnType<typeof scorer.scoreBatch>, withLevels: typeof levels | null) =>
      Object.fromEntries(
        loaded.ruleSet.types.map((type, ti) => {
          const order = [...type.levels]
            .map((l) => ({
              id: l.id,
              min: withLevels?.[type.id as 'abuse']?.[l.id as 'support'] ?? l.minPoints,
            }))
            .sort((a, b) => a.min - b.min);
          const counts = Object.fromEntries(order.map((l) => [l.id, 0]));
          for (let c = 0; c < table.count; c += 1) {
            const index = table.levels[c * table.typeIds.length + ti] as number;
            const id = order[index]?.id;
            if (id !== undefined) counts[id] = (counts[id] ?? 0) + 1;
          }
          return [type.id, counts];
        }),
      );
    expect(result.before.counts).toEqual(count(scorer.scoreBatch(facts), null));
    expect(result.after.counts).toEqual(count(scorer.scoreBatch(facts, { levels }), levels));
    const moved = result.enteredTotal + result.leftTotal;
    expect(moved).toBe(result.entered.length + result.left.length);
    for (const move of [...result.entered, ...result.left]) {
      expect(move.reasons.join(' ')).toMatch(/基準/);
    }
    expect(result.disparity.bySchool.reduce((n, r) => n + r.total, 0)).toBe(facts.length);
    // The moves name children and their levels: the preview is audited with their ids.
    const [audited] = await listAudit(getDb().db, { action: 'preview.run', limit: 1 });
    expect(audited?.details).toEqual({
      draftId: null,
      childIds: [...new Set([...result.entered, ...result.left].map((m) => m.childId))],
    });
    // English through the admin's `lang` cookie or `?lang=`; the same moves either way.
    for (const how of [{ cookie: `${editor}; lang=en` }, { cookie: editor, query: '?lang=en' }]) {
      const english = (await (
        await t.call('POST', `/api/preview${how.query ?? ''}`, {
          cookie: how.cookie,
          json: { ruleSetId: 'demo', levels },
        })
      ).json()) as typeof result;
      expect(english.enteredTotal).toBe(result.enteredTotal);
      for (const move of [...english.entered, ...english.left])
        expect(move.reasons.join(' ')).toMatch(/threshold \d+→\d+ pts/);
    }
    const invalid = await t.call('POST', '/api/preview', {
      cookie: editor,
      json: { ruleSetId: 'demo', document: { id: 'demo' } },
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'invalid_rule_set' });
  });

  it('publishes a draft as a new version and diffs it in words', async () => {
    const document = demoDocument();
    const rule = document.rules[0];
    if (rule === undefined) throw new Error('no rules');
    rule.event.params.rationale = `${rule.event.params.rationale} (reviewed)`;
    const level = document.types[0]?.levels[1];
    if (level === undefined) throw new Error('no level');
    const oldMin = level.minPoints;
    level.minPoints = oldMin + 1;
    const created = await t.call('POST', '/api/rule-sets/demo/drafts', {
      cookie: editor,
      json: { document },
    });
    const { draftId } = (await created.json()) as { draftId: string };
    const tests = (await (
      await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/test`, { cookie: editor })
    ).json()) as { cases: { passed: boolean }[] };
    expect(tests.cases.length).toBeGreaterThan(0);
    const published = await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/publish`, {
      cookie: editor,
      json: { note: 'rationale reviewed' },
    });
    expect(published.status, JSON.stringify(tests)).toBe(200);
    const { version } = (await published.json()) as { version: number };
    const diff = await (
      await t.call('GET', `/api/rule-sets/demo/diff?from=1&to=${version}`, { cookie: editor })
    ).json();
    expect(diff).toEqual({
      rules: {
        added: [],
        removed: [],
        changed: [
          {
            id: rule.id,
            name: rule.name?.ja ?? null,
            changes: [
              {
                field: '根拠',
                path: 'event.params.rationale',
                from: expect.any(String),
                to: rule.event.params.rationale,
              },
            ],
          },
        ],
      },
      thresholds: [
        {
          type: document.types[0]?.id,
          level: level.id,
          typeLabel: document.types[0]?.label.ja,
          levelLabel: level.label.ja,
          from: oldMin,
          to: oldMin + 1,
        },
      ],
    });
    const english = (await (
      await t.call('GET', `/api/rule-sets/demo/diff?from=1&to=${version}&lang=en`, {
        cookie: editor,
      })
    ).json()) as {
      rules: { changed: { changes: { field: string }[] }[] };
      thresholds: { levelLabel: string }[];
    };
    expect(english.rules.changed[0]?.changes[0]?.field).toBe('Rationale');
    expect(english.thresholds[0]?.levelLabel).toMatch(/^[\x20-\x7e]+$/);
    const bad = await t.call('GET', `/api/rule-sets/demo/diff?from=1&to=${version}&lang=fr`, {
      cookie: editor,
    });
    expect(bad.status).toBe(400);
  });

  it('starts a run that completes in the background with results', async () => {
    const res = await t.call('POST', '/api/runs', { cookie: center, json: { ruleSetId: 'demo' } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const running = (await (await t.call('GET', `/api/runs/${id}`, { cookie: center })).json()) as {
      progress: number;
    };
    expect(running.progress).toBeGreaterThan(0);
    await t.deps.settle();
    const done = await (await t.call('GET', `/api/runs/${id}`, { cookie: center })).json();
    expect(done).toMatchObject({ id, status: 'done', progress: 1, ruleSetId: 'demo' });
    const results = await t.call('GET', `/api/runs/${id}/results?flagged=true&limit=5`, {
      cookie: center,
    });
    expect(results.status).toBe(200);
    const flagged = (await results.json()) as { childId: string }[];
    expect(flagged.length).toBeGreaterThan(0);
    // Every flagged child's explanation: the fired rules, each once, with lit condition trees.
    for (const { childId } of flagged) {
      const why = (await (
        await t.call('GET', `/api/runs/${id}/children/${childId}`, { cookie: center })
      ).json()) as {
        rules: { ruleId: string; fired: boolean; explanation: string; conditions: unknown }[];
      };
      expect(why.rules.length).toBeGreaterThan(0);
      expect(new Set(why.rules.map((r) => r.ruleId)).size).toBe(why.rules.length);
      for (const rule of why.rules) {
        expect(rule).toMatchObject({ fired: true, conditions: { result: true } });
        expect(rule.explanation).not.toBe('');
      }
    }
    expect(
      (await t.call('POST', '/api/runs', { cookie: center, json: { ruleSetId: 'x' } })).status,
    ).toBe(404);
  });

  it('queues an unmatched record for review and links it on a decision', async () => {
    if (schoolFile === undefined) throw new Error('no school file in the village');
    // A birth date no roster child has: the record cannot be linked automatically.
    const stray = editCell(editCell(schoolFile.bytes, 2, 6, '44'), 2, 4, 'H20/01/01');
    const imported = (await (await upload('gakko3.csv', stray, false)).json()) as { ok: boolean };
    expect(imported.ok).toBe(true);
    const queue = (await (await t.call('GET', '/api/linkage/review', { cookie: it1 })).json()) as {
      id: string;
      reasons: string[];
    }[];
    expect(queue.length).toBeGreaterThan(0);
    const item = queue[0];
    if (item === undefined) throw new Error('empty queue');
    const [child] = (await loadChildren(getDb().db)).keys();
    const decided = await t.call('POST', `/api/linkage/review/${item.id}`, {
      cookie: it1,
      json: { decision: 'match', childId: child },
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect((await listReviewQueue(getDb().db)).map((r) => r.recordId)).not.toContain(item.id);
    expect(
      (
        await t.call('POST', '/api/linkage/review/nope', {
          cookie: it1,
          json: { decision: 'reject' },
        })
      ).status,
    ).toBe(404);
    const actions = (await listAudit(getDb().db, { limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['linkage.decide', 'linkage.relink']));
  });
});
