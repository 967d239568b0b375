import { describe, expect, it } from 'vitest';
import { DbError } from './db-error';
import { parseFactNames, parseRecordFacts, recordFactsText } from './record-facts';

const names = ['school.absenceDays', 'school.aid', 'school.report', 'school.note'];
const facts = {
  'school.absenceDays': 12,
  'school.aid': '就学援助',
  'school.report': false,
  'school.note': null,
};

describe('record facts', () => {
  it('stores the values only when the keys are the names, and reads them back in their order', () => {
    const text = recordFactsText(names, facts);
    expect(text).toBe('[12,"就学援助",false,null]');
    expect(parseRecordFacts(text, names, 'c')).toEqual(facts);
    expect(Object.keys(parseRecordFacts(text, names, 'c'))).toEqual(names);
    const { 'school.aid': aid, ...rest } = facts;
    const reordered = { ...rest, 'school.aid': aid };
    expect(recordFactsText(names, reordered)).toBe(text);
    expect(Object.keys(parseRecordFacts(text, names, 'c'))).toEqual(names);
  });

  it('stores an object when the keys differ in any way, and reads it without names', () => {
    const { 'school.aid': _aid, ...missing } = facts;
    const extra = { ...facts, 'school.extra': 1 };
    const renamed = { ...missing, 'school.aid2': '就学援助' };
    const undefinedValue = { ...facts, 'school.note': undefined } as unknown as typeof facts;
    for (const other of [missing, extra, renamed, {}]) {
      const text = recordFactsText(names, other);
      expect(text).toBe(JSON.stringify(other));
      expect(parseRecordFacts(text, names, 'c')).toEqual(other);
      expect(parseRecordFacts(text, null, 'c')).toEqual(other);
    }
    // An undefined value would read back as null from an array: kept an object (key dropped).
    expect(recordFactsText(names, undefinedValue)).toBe(JSON.stringify(undefinedValue));
    expect(recordFactsText(null, facts)).toBe(JSON.stringify(facts));
    expect(recordFactsText([], {})).toBe('[]');
    // A name listed twice has no one place for its value.
    expect(recordFactsText(['a', 'a'], { a: 1 })).toBe('{"a":1}');
  });

  it('refuses values without names or of another count, and values that are not facts', () => {
    const refused = (text: string, with_: readonly string[] | null): string => {
      try {
        parseRecordFacts(text, with_, 'source_records.facts_json');
      } catch (error) {
        expect(error).toBeInstanceOf(DbError);
        expect((error as DbError).code).toBe('invalid_json');
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused('[1,2,3,4]', null)).toMatch(/source_records\.facts_json.*no names/);
    expect(refused('[1,2,3]', names)).toMatch(/no names/);
    expect(refused('[1,2,3,{"x":1}]', names)).toMatch(/does not match its schema/);
    expect(refused('{"a":[1]}', names)).toMatch(/does not match its schema/);
    expect(refused('"text"', names)).toMatch(/does not match its schema/);
    expect(refused('null', names)).toMatch(/does not match its schema/);
    // The message names the column, never the value.
    expect(refused('[1,2,"秘密"', names)).not.toContain('秘密');
  });

  it('reads a batch’s names and refuses anything else', () => {
    expect(parseFactNames(null)).toBeNull();
    expect(parseFactNames(JSON.stringify(names))).toEqual(names);
    expect(() => parseFactNames('{"a":1}')).toThrow(/not a name list/);
    expect(() => parseFactNames('[1]')).toThrow(/not a name list/);
    expect(() => parseFactNames('[')).toThrow(/invalid JSON/);
  });
});
