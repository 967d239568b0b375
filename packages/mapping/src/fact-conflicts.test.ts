import { describe, expect, it } from 'vitest';
import { childrensHallMapping } from './childrens-hall-sample';
import { factIdConflicts, factsInUseProblems } from './fact-conflicts';
import type { InventoryRuleSet } from './inventory/data-inventory';
import type { Mapping } from './mapping-schema';

const hall = childrensHallMapping();

function ruleSet(rules: { id: string; fact: string; enabled?: boolean }[]): InventoryRuleSet {
  return {
    id: 'demo',
    title: { ja: 'デモ', en: 'Demo' },
    facts: [],
    rules: rules.map(({ id, fact, enabled }) => ({
      id,
      ...(enabled === undefined ? {} : { enabled }),
      conditions: { all: [{ fact, operator: 'greaterThan', value: 1 }] },
    })),
  };
}

describe('factIdConflicts', () => {
  it('points at every fact id another source declares', () => {
    const declared = new Map([
      ['childrensHall.visitDays', 'hall-2'],
      ['school.absenceDays', 'school'],
    ]);
    expect(factIdConflicts(hall, declared)).toEqual([
      expect.objectContaining({
        path: '/columns/4/fact/id',
        code: 'fact_id_taken',
        message: expect.stringContaining('hall-2'),
      }),
    ]);
    expect(factIdConflicts(hall, new Map([['childrensHall.visitDays', hall.name]]))).toEqual([]);
  });
});

describe('factsInUseProblems', () => {
  const previous = [
    { id: 'childrensHall.visitDays', type: 'number' },
    { id: 'childrensHall.lastVisit', type: 'date' },
  ] as const;
  const rules = [ruleSet([{ id: 'visits', fact: 'childrensHall.visitDays' }])];

  it('refuses dropping a fact a published rule reads, naming the fact and rule ids', () => {
    const next: Mapping = {
      ...hall,
      columns: hall.columns.filter((c) => c.fact?.id !== 'childrensHall.visitDays'),
    };
    const problems = factsInUseProblems({ previous, next, ruleSets: rules });
    expect(problems).toEqual([expect.objectContaining({ path: '/columns', code: 'fact_in_use' })]);
    expect(problems[0]?.message).toContain('childrensHall.visitDays');
    expect(problems[0]?.message).toContain('demo/visits');
  });

  it('refuses a type change of a used fact; unused or disabled-rule facts may change', () => {
    const next: Mapping = {
      ...hall,
      columns: hall.columns.map((c) =>
        c.fact
          ? {
              ...c,
              fact: { ...c.fact, type: 'code', codes: { '1': 'あり' } },
            }
          : c,
      ),
    };
    expect(
      factsInUseProblems({ previous, next, ruleSets: rules }).map((p) => `${p.path} ${p.code}`),
    ).toEqual(['/columns/4/fact/type fact_in_use']);
    const disabled = [ruleSet([{ id: 'v', fact: 'childrensHall.visitDays', enabled: false }])];
    expect(factsInUseProblems({ previous, next, ruleSets: disabled })).toEqual([]);
    expect(factsInUseProblems({ previous, next: hall, ruleSets: rules })).toEqual([]);
  });
});
