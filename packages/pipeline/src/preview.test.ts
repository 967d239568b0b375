import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bumpDataVersion, upsertChildFacts } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { createScorer, loadRuleSet, type RuleSet, type ScoreTable } from '@mimamori/engine';
import { createPseudonymizer } from '@mimamori/identity';
import { beforeAll, expect, it } from 'vitest';
import { discoverConnectors } from './connector-registry';
import { loadChildren } from './derive-facts';
import { loadDemoVillage } from './load-demo';
import { createPreviewService, type PreviewResult, type PreviewService } from './preview';
import { levelOrders } from './preview-snapshot';

const root = resolve(import.meta.dirname, '../../..');
const demo = () =>
  JSON.parse(readFileSync(resolve(root, 'rules/demo.rules.json'), 'utf8')) as {
    id: string;
    title: { ja: string; en: string };
    rules: { id: string; event: { params: { points: number } } }[];
  } & Record<string, unknown>;

function parse(document: unknown): RuleSet {
  const loaded = loadRuleSet(document);
  if (!loaded.ok) throw new Error('invalid rule set');
  return loaded.ruleSet;
}

/** Counts per type and level straight from a score table (the oracle). */
function countsOf(ruleSet: RuleSet, table: ScoreTable, levels = {}) {
  const orders = levelOrders(ruleSet, levels);
  return Object.fromEntries(
    ruleSet.types.map((type, t) => {
      const order = orders[t]!;
      const counts = Object.fromEntries(order.ids.map((id) => [id, 0]));
      for (let c = 0; c < table.count; c += 1) {
        const id = order.ids[table.levels[c * table.typeIds.length + t]!];
        if (id !== undefined) counts[id] = counts[id]! + 1;
      }
      return [type.id, counts];
    }),
  );
}

function expectConsistent(result: PreviewResult, children: number) {
  for (const [type, { points }] of Object.entries(result.distribution)) {
    expect(points.reduce((a, b) => a + b, 0)).toBe(children);
    const sweep = result.sweep[type] ?? [];
    expect(sweep[0]?.flagged ?? 0).toBe(children - (points[0] ?? 0));
  }
  for (const rows of Object.values(result.disparity))
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(children);
}

describeEachDatabase('what-if preview', (getDb) => {
  const children = 150;
  let previews: PreviewService;
  let facts: Record<string, unknown>[];
  beforeAll(async () => {
    const ctx = {
      db: getDb().db,
      pseudonymize: createPseudonymizer('preview-test-key-0123456789abcdef0123'),
      asOf: '2026-04-01',
      ageRange: [3, 15] as const,
    };
    await loadDemoVillage(ctx, {
      connectors: await discoverConnectors(root),
      children,
      seed: 3,
      ruleSet: demo(),
    });
    previews = createPreviewService(getDb().db);
    facts = [...(await loadChildren(getDb().db)).values()].map((c) => c.facts);
  });

  it('re-levels the published scores when only thresholds move', async () => {
    const levels = { poverty: { watch: 3 }, abuse: { support: 8 } };
    const outcome = await previews.preview({ ruleSetId: 'demo', levels });
    if (!outcome.ok) throw new Error(outcome.code);
    const ruleSet = parse(demo());
    const scorer = createScorer(ruleSet);
    expect(outcome.result.before.counts).toEqual(countsOf(ruleSet, scorer.scoreBatch(facts)));
    expect(outcome.result.after.counts).toEqual(
      countsOf(ruleSet, scorer.scoreBatch(facts, { levels }), levels),
    );
    expect(outcome.result.ruleHits.every((h) => h.before === h.after)).toBe(true);
    expect(outcome.result.enteredTotal).toBeGreaterThan(0);
    expect(outcome.result.entered[0]?.reasons.join()).toMatch(/基準 10→3点/);
    expectConsistent(outcome.result, children);
  });

  it('scores a draft over the cached columns: counts, rule hits and reasons', async () => {
    const draft = demo();
    const rule = draft.rules[0]!;
    rule.event.params.points += 4;
    const outcome = await previews.preview({ ruleSetId: 'demo', draftDocument: draft });
    if (!outcome.ok) throw new Error(outcome.code);
    const ruleSet = parse(draft);
    const scorer = createScorer(ruleSet);
    const table = scorer.scoreBatch(facts);
    expect(outcome.result.after.counts).toEqual(countsOf(ruleSet, table));
    const hits = outcome.result.ruleHits.find((h) => h.ruleId === rule.id);
    expect(hits?.after).toBe(hits?.before);
    const fired = facts.filter((f) =>
      (scorer.score(f)[ruleSet.rules[0]!.event.type]?.firedRules ?? []).includes(rule.id),
    );
    expect(hits?.after).toBe(fired.length);
    for (const move of outcome.result.entered) expect(move.reasons.join()).toMatch(/点数/);
    expectConsistent(outcome.result, children);
  });

  it('writes reasons and sex groups in the language asked for (Japanese by default)', async () => {
    const levels = { poverty: { watch: 3 } };
    const ja = await previews.preview({ ruleSetId: 'demo', levels });
    const en = await previews.preview({ ruleSetId: 'demo', levels, lang: 'en' });
    if (!ja.ok || !en.ok) throw new Error('no preview');
    // The same children move, for the same reasons, in other words.
    expect(en.result.entered.map((m) => m.childId)).toEqual(
      ja.result.entered.map((m) => m.childId),
    );
    expect(en.result.entered[0]?.reasons.join()).toMatch(
      /^Watch threshold 10→3 pts \(this child: \d+ pts\)$/,
    );
    expect(ja.result.entered[0]?.reasons.join()).toMatch(/^見守りの基準 10→3点（この子 \d+点）$/);
    const sexes = (r: typeof en) => (r.ok ? r.result.disparity.bySex.map((g) => g.group) : []);
    expect(sexes(ja)).toEqual(['男', '女']);
    expect(sexes(en)).toEqual(['Male', 'Female']);
    expect(en.result.disparity.bySex.map((g) => g.total)).toEqual(
      ja.result.disparity.bySex.map((g) => g.total),
    );
    for (const move of en.result.entered.concat(en.result.left))
      for (const reason of move.reasons) expect(reason).not.toMatch(/[\u3040-\u30ff]|点/);
  });

  it('reports an invalid draft and an unknown rule set as values', async () => {
    const invalid = await previews.preview({ ruleSetId: 'demo', draftDocument: { id: 'demo' } });
    expect(invalid).toMatchObject({ ok: false, code: 'invalid_rule_set' });
    expect(invalid.ok ? [] : 'errors' in invalid ? invalid.errors : []).not.toHaveLength(0);
    expect(await previews.preview({ ruleSetId: 'nope' })).toEqual({
      ok: false,
      code: 'no_published_rule_set',
    });
  });

  it('rebuilds its cache when the data version changes', async () => {
    const first = await previews.preview({ ruleSetId: 'demo' });
    if (!first.ok) throw new Error(first.code);
    const [id] = (await loadChildren(getDb().db)).keys();
    await upsertChildFacts(
      getDb().db,
      [
        {
          childId: id!,
          // Sources merge in name order: this one wins over the village's `school` facts.
          source: 'zz-test',
          facts: {
            'school.absenceDays': 200,
            'school.absenceOtherDays': 190,
            'school.bullyingVictimReport': true,
            'school.schoolLifeScore': 5,
          },
        },
      ],
      await bumpDataVersion(getDb().db),
    );
    const second = await previews.preview({ ruleSetId: 'demo' });
    if (!second.ok) throw new Error(second.code);
    expect(second.result.distribution).not.toEqual(first.result.distribution);
  });
});
