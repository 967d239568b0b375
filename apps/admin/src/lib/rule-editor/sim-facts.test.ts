import { describe, expect, it } from 'vitest';
import type { FactDefinition } from './document';
import { typedFacts } from './sim-facts';

const fact = (id: string, type: FactDefinition['type']): FactDefinition => ({
  id,
  label: { ja: id, en: id },
  type,
  source: 'school',
  outsideSchool: false,
});

describe('typedFacts', () => {
  it('types numbers, yes/no and codes, and leaves empty fields out', () => {
    const facts = [
      fact('school.absenceDays', 'number'),
      fact('welfare.protected', 'boolean'),
      fact('health.checkup', 'code'),
      fact('school.lateDays', 'number'),
    ];
    expect(
      typedFacts(facts, {
        'school.absenceDays': ' 42 ',
        'welfare.protected': 'false',
        'health.checkup': 'A',
        'school.lateDays': '',
        'other.fact': '1',
      }),
    ).toEqual({ 'school.absenceDays': 42, 'welfare.protected': false, 'health.checkup': 'A' });
  });
});
