import { describe, expect, it } from 'vitest';
import { gaijiFieldOf, gaijiRows, gaijiTableSchema, normalizeCode } from './gaiji';
import { issuesOf } from './test-issues';

const problems = (entries: { code: string; standard: string; note?: string }[]) =>
  issuesOf(gaijiTableSchema, { entries });

describe('外字 table form', () => {
  it('normalises code notations', () => {
    expect(normalizeCode('u+e001')).toBe('U+E001');
    expect(normalizeCode(' E001 ')).toBe('U+E001');
    expect(normalizeCode('2363a')).toBe('U+2363A');
    expect(normalizeCode('\uE001')).toBe('U+E001');
    expect(normalizeCode('髙')).toBe('U+9AD9');
    expect(normalizeCode('not a code')).toBe('not a code');
  });

  it('accepts a table of distinct, mapped codes', () => {
    expect(
      problems([
        { code: 'U+E001', standard: '高', note: '' },
        { code: 'U+2363A', standard: '崎' },
      ]),
    ).toEqual({});
  });

  it('reports bad, duplicate and unmapped rows with their message keys', () => {
    expect(
      problems([
        { code: 'U+E001', standard: '高' },
        { code: 'U+E001', standard: '崎' },
        { code: 'E002', standard: ' ' },
        { code: 'E002', standard: '辻' },
      ]),
    ).toEqual({
      'entries.1.code': 'gaiji.problem.duplicate',
      'entries.2.code': 'gaiji.problem.format',
      'entries.2.standard': 'gaiji.problem.empty',
      // A malformed code is reported once, as malformed, even when it repeats.
      'entries.3.code': 'gaiji.problem.format',
    });
  });

  it('limits the lengths the API limits', () => {
    expect(
      problems([{ code: 'U+E001', standard: '高'.repeat(17), note: 'x'.repeat(501) }]),
    ).toEqual({ 'entries.0.standard': 'form.tooLong', 'entries.0.note': 'form.tooLong' });
  });

  it("places the API's pointers into the saved array at the form's rows", () => {
    expect(gaijiFieldOf('/3/code')).toBe('entries[3].code');
    expect(gaijiFieldOf('/0/standard')).toBe('entries[0].standard');
    expect(gaijiFieldOf('/0')).toBeUndefined();
    expect(gaijiFieldOf('')).toBeUndefined();
  });
});

describe('外字 table under a filter', () => {
  const entries = [
    { code: 'U+E001', standard: '高' },
    { code: 'U+E002', standard: '崎' },
    { code: '', standard: '' },
  ];

  it('shows the rows the filter matches and counts the others', () => {
    const { shown, hidden } = gaijiRows(entries, '高', () => false, new Set());
    expect(shown.map((s) => s.row)).toEqual([0]);
    expect(hidden).toBe(2);
  });

  it('never hides a row with a problem (a new, empty row) or one being edited', () => {
    const { shown, hidden } = gaijiRows(entries, '高', (row) => row === 2, new Set([1]));
    expect(shown.map((s) => [s.row, s.forced])).toEqual([
      [0, false],
      [1, true],
      [2, true],
    ]);
    expect(hidden).toBe(0);
  });

  it('matches codes whatever their case, and everything without a filter', () => {
    expect(gaijiRows(entries, 'u+e002', () => false, new Set()).shown.map((s) => s.row)).toEqual([
      1,
    ]);
    expect(gaijiRows(entries, ' ', () => false, new Set()).hidden).toBe(0);
  });
});
