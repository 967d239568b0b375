import { describe, expect, it } from 'vitest';
import { toRuleSetView } from './rule-set-view';

describe('rule-set view', () => {
  it('keeps each type’s levels lowest first, with their labels when the document has them', () => {
    const view = toRuleSetView({
      types: [
        {
          id: 'poverty',
          levels: [
            { id: 'support', label: { ja: '要支援', en: 'Support' }, minPoints: 18 },
            { id: 'watch', label: { ja: '見守り' }, minPoints: 10 },
          ],
        },
        { id: 'abuse', levels: [{ id: 'watch', label: 'unreadable', minPoints: 10 }] },
      ],
    });
    expect(view.levels.get('poverty')).toEqual([
      { id: 'watch', label: { ja: '見守り' } },
      { id: 'support', label: { ja: '要支援', en: 'Support' } },
    ]);
    expect(view.levelOrder.get('poverty')).toEqual(['watch', 'support']);
    expect(view.levels.get('abuse')).toEqual([{ id: 'watch', label: null }]);
    expect(toRuleSetView(null).levels.size).toBe(0);
  });
});
