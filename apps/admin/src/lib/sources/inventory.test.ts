import { describe, expect, it } from 'vitest';
import { itemCount, itemStatuses, undeclaredFacts, type DataInventory } from './inventory';

const item = (factId: string) => ({
  factId,
  label: { ja: factId, en: factId },
  type: 'number',
  purpose: 'p',
  legalBasis: 'l',
  retention: 'r',
  usedBy: [],
});

const inventory: DataInventory = {
  sources: [
    {
      name: 'hall',
      title: { ja: '児童館', en: 'Hall' },
      version: '1',
      personalColumns: ['氏名'],
      items: [item('hall.visits'), item('hall.last')],
    },
  ],
  unusedFacts: ['hall.last'],
  factsWithoutPurpose: [
    { factId: 'hall.visits', missing: ['retention'] },
    { factId: 'ghost.fact', missing: ['purpose', 'legalBasis', 'retention'] },
  ],
};

describe('data inventory', () => {
  it('marks unused items and missing declarations per fact', () => {
    const statuses = itemStatuses(inventory);
    expect(statuses.get('hall.visits')).toEqual({ unused: false, missing: ['retention'] });
    expect(statuses.get('hall.last')).toEqual({ unused: true, missing: [] });
  });

  it('names facts rules use that no source declares', () => {
    expect(undeclaredFacts(inventory)).toEqual(['ghost.fact']);
    expect(itemCount(inventory)).toBe(2);
  });
});
