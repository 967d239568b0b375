import { describe, expect, it } from 'vitest';
import { parseDocument, toJson } from './document-json';
import { addRule, maxPoints, removeRule, setThreshold, thresholdOrderProblems } from './rules';
import { testDocument } from './test-document';

describe('document edits', () => {
  it('adds a rule with a fresh id and removes it', () => {
    const doc = addRule(testDocument());
    expect(doc.rules.map((r) => r.id)).toEqual(['absence', 'rule-2']);
    expect(removeRule(doc, 1).rules).toHaveLength(1);
  });

  it('sets thresholds and reports levels out of order', () => {
    const doc = setThreshold(testDocument(), 'poverty', 'support', 2);
    expect(doc.types[0]!.levels[1]!.minPoints).toBe(2);
    expect(thresholdOrderProblems(doc)).toEqual([{ type: 'poverty', level: 'support' }]);
    expect(thresholdOrderProblems(testDocument())).toEqual([]);
  });

  it('sums the reachable points per type', () => {
    expect(maxPoints(testDocument(), 'poverty')).toBe(2);
  });
});

describe('JSON view', () => {
  it('round-trips a document', () => {
    const result = parseDocument(toJson(testDocument()));
    expect(result).toEqual({ ok: true, document: testDocument() });
  });

  it('reports syntax errors with a position and shape errors by name', () => {
    const bad = parseDocument('{\n  "rules": [,]\n}');
    expect(bad.ok).toBe(false);
    expect(
      parseDocument('{"facts":[],"types":[],"rules":[{"conditions":{"fact":"x"}}]}'),
    ).toMatchObject({
      ok: false,
      message: 'rules[0].conditions must be an all/any/not group',
    });
  });
});
