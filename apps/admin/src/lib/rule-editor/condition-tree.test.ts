import { describe, expect, it } from 'vitest';
import {
  addChild,
  emptyGroup,
  emptyLeaf,
  factsUsed,
  move,
  nodeAt,
  removeAt,
  setGroupKind,
  updateLeaf,
  wrapAt,
} from './condition-tree';
import type { TopLevelCondition } from './document';
import { testDocument } from './test-document';

const root = (): TopLevelCondition => testDocument().rules[0]!.conditions;

describe('condition tree edits', () => {
  it('finds nodes by path, through not-groups', () => {
    expect(nodeAt(root(), [1, 1, 0])).toEqual({
      fact: 'health.checkupMissed',
      operator: 'equal',
      value: false,
    });
    expect(nodeAt(root(), [5])).toBeUndefined();
  });

  it('adds a condition to a group without touching the input', () => {
    const before = root();
    const snapshot = JSON.stringify(before);
    const after = addChild(before, [1], emptyLeaf());
    expect(JSON.stringify(before)).toBe(snapshot);
    expect((nodeAt(after, [1]) as { any: unknown[] }).any).toHaveLength(3);
  });

  it('adding to a not-group wraps its child and the new one in an all', () => {
    const after = addChild(root(), [1, 1], emptyLeaf());
    expect(nodeAt(after, [1, 1])).toEqual({
      not: {
        all: [{ fact: 'health.checkupMissed', operator: 'equal', value: false }, emptyLeaf()],
      },
    });
  });

  it('adds nested groups', () => {
    const after = addChild(root(), [], emptyGroup('any'));
    expect(nodeAt(after, [2])).toEqual({ any: [emptyLeaf()] });
  });

  it('removes a node; removing a not-group child removes the not-group', () => {
    expect((removeAt(root(), [0]) as { all: unknown[] }).all).toHaveLength(1);
    const after = removeAt(root(), [1, 1, 0]);
    expect((nodeAt(after, [1]) as { any: unknown[] }).any).toHaveLength(1);
    expect(() => removeAt(root(), [])).toThrow(RangeError);
  });

  it('reorders siblings and ignores moves past the ends', () => {
    const after = move(root(), [1], -1);
    expect(nodeAt(after, [0])).toHaveProperty('any');
    expect(move(root(), [0], -1)).toEqual(root());
  });

  it('switches group kinds', () => {
    expect(setGroupKind(root(), [1], 'all')).toHaveProperty(['all', 1, 'all']);
    const negated = setGroupKind(root(), [], 'not');
    expect(negated).toHaveProperty(['not', 'all']);
    expect(setGroupKind(negated, [], 'all')).toEqual(root());
  });

  it('wraps a node in a new group', () => {
    expect(nodeAt(wrapAt(root(), [0], 'not'), [0])).toHaveProperty(
      ['not', 'fact'],
      'school.absenceDays',
    );
  });

  it('patches a leaf and refuses to patch a group', () => {
    const after = updateLeaf(root(), [0], { value: 10 });
    expect(nodeAt(after, [0])).toHaveProperty('value', 10);
    expect(() => updateLeaf(root(), [1], { value: 1 })).toThrow(TypeError);
  });

  it('lists the facts used', () => {
    expect(factsUsed(root())).toEqual([
      'school.absenceDays',
      'welfare.childSupport',
      'health.checkupMissed',
    ]);
  });
});
