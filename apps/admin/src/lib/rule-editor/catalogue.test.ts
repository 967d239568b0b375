import { describe, expect, it } from 'vitest';
import type { ConnectorSummary } from '../api-types';
import { catalogueFacts, factDefinition, factGroups, withFactDeclared } from './catalogue';
import { testDocument } from './test-document';

const hall: ConnectorSummary = {
  id: 'childrens-hall',
  kind: 'mapped',
  label: { ja: '児童館来館記録', en: "Children's hall visits" },
  source: 'nursery',
  version: '2',
  fields: [],
  facts: [
    {
      id: 'childrensHall.visitDays',
      label: { ja: '来館日数', en: '' },
      type: 'number',
      unit: '日',
    },
    {
      id: 'childrensHall.kind',
      label: { ja: '区分', en: 'Kind' },
      type: 'code',
      allowedValues: ['定期', '一時', '定期', ''],
    },
  ],
};

describe('fact catalogue', () => {
  it('turns a mapped source fact into a rule-set definition counted outside school', () => {
    expect(factDefinition(hall, hall.facts[0]!)).toEqual({
      id: 'childrensHall.visitDays',
      label: { ja: '来館日数', en: '来館日数' },
      type: 'number',
      unit: '日',
      source: 'other',
      outsideSchool: true,
    });
    expect(factDefinition(hall, hall.facts[1]!).allowedValues).toEqual(['定期', '一時']);
  });

  it('keeps a code connector source and counts the school inside', () => {
    const school: ConnectorSummary = { ...hall, id: 'school', kind: 'code', source: 'school' };
    const fact = { id: 'school.absenceDays', label: { ja: '欠席', en: 'Absence' }, type: 'number' };
    expect(factDefinition(school, fact)).toMatchObject({
      source: 'school',
      outsideSchool: false,
      label: { ja: '欠席', en: 'Absence' },
    });
  });

  it('groups by connector, lets declared definitions win, keeps undeclared document facts', () => {
    const doc = testDocument();
    const declared = doc.facts[0]!;
    const school: ConnectorSummary = {
      ...hall,
      id: 'school',
      kind: 'code',
      label: { ja: '学校', en: 'School' },
      source: 'school',
      facts: [{ id: declared.id, label: { ja: '別名', en: 'other label' }, type: 'number' }],
    };
    const groups = factGroups(doc.facts, [school, hall]);
    expect(groups.map((g) => g.key)).toEqual([
      'c:school',
      'c:childrens-hall',
      's:welfare',
      's:health',
    ]);
    expect(groups[0]!.facts[0]).toBe(declared);
    expect(catalogueFacts(groups)).toHaveLength(doc.facts.length + 2);
  });

  it('declares a picked fact once', () => {
    const doc = testDocument();
    const fact = factDefinition(hall, hall.facts[0]!);
    const once = withFactDeclared(doc, fact);
    expect(once.facts.at(-1)).toBe(fact);
    expect(withFactDeclared(once, fact)).toBe(once);
  });
});
