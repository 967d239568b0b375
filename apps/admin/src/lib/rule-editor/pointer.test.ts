import { describe, expect, it } from 'vitest';
import {
  conditionPointer,
  errorsAt,
  errorsWithin,
  fieldId,
  parsePointer,
  pointer,
  ruleIndexOf,
} from './pointer';
import { testDocument } from './test-document';

describe('JSON pointers', () => {
  it('escapes and parses tokens', () => {
    expect(pointer('facts', 'a/b~c')).toBe('/facts/a~1b~0c');
    expect(parsePointer('/facts/a~1b~0c')).toEqual(['facts', 'a/b~c']);
    expect(parsePointer('')).toEqual([]);
  });

  it('points into a condition tree through all/any/not', () => {
    const root = testDocument().rules[0]!.conditions;
    expect(conditionPointer(0, root, [])).toBe('/rules/0/conditions');
    expect(conditionPointer(0, root, [1, 1, 0])).toBe('/rules/0/conditions/all/1/any/1/not');
  });

  it('filters errors at and below a pointer', () => {
    const errors = [
      { path: '/rules/0/event/params/points' },
      { path: '/rules/0/conditions/all/0/value' },
    ];
    expect(errorsAt(errors, '/rules/0/event/params/points')).toHaveLength(1);
    expect(errorsWithin(errors, '/rules/0')).toHaveLength(2);
    expect(errorsWithin(errors, '/rules/0/cond')).toHaveLength(0);
  });

  it('derives rule indices and DOM ids', () => {
    expect(ruleIndexOf('/rules/3/event')).toBe(3);
    expect(ruleIndexOf('/types/0')).toBeNull();
    expect(fieldId('/rules/0/conditions/all/1')).toBe('field-rules-0-conditions-all-1');
  });
});
