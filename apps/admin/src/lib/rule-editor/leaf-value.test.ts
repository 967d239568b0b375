import { describe, expect, it } from 'vitest';
import { withFact, withOperator } from './leaf-value';
import { operatorsFor } from './operators';
import { testDocument } from './test-document';

const [absence, support, missed] = testDocument().facts;

describe('operators and values by fact type', () => {
  it('offers comparisons for numbers and set operators for codes', () => {
    expect(operatorsFor('number')).toContain('greaterThanInclusive');
    expect(operatorsFor('code')).toEqual(['equal', 'notEqual', 'in', 'notIn']);
    expect(operatorsFor('boolean')).toEqual(['equal']);
  });

  it('resets operator and value when the fact changes type', () => {
    const leaf = { fact: 'school.absenceDays', operator: 'greaterThan', value: 5 };
    expect(withFact(leaf, support)).toEqual({
      fact: 'welfare.childSupport',
      operator: 'equal',
      value: '全部支給',
    });
    expect(withFact(leaf, missed)).toEqual({
      fact: 'health.checkupMissed',
      operator: 'equal',
      value: true,
    });
    expect(withFact(leaf, absence)).toEqual(leaf);
  });

  it('turns a value into a list for in/notIn and back', () => {
    const leaf = { fact: 'welfare.childSupport', operator: 'equal', value: '停止' };
    const listed = withOperator(leaf, support, 'in');
    expect(listed.value).toEqual(['停止']);
    expect(withOperator(listed, support, 'equal').value).toBe('停止');
  });
});
