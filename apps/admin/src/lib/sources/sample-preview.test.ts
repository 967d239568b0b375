import { describe, expect, it } from 'vitest';
import type { PreviewRow } from './mapping';
import { factText, linkageSummary, previewColumns } from './sample-preview';

const row = (line: number, linkage: PreviewRow['linkage'], patch: Partial<PreviewRow> = {}) => ({
  line,
  facts: {},
  personalFields: [],
  linkage,
  ...patch,
});

describe('sample preview', () => {
  it('counts linked rows by method, ambiguous and unmatched ones', () => {
    const summary = linkageSummary([
      row(2, { status: 'linked', method: 'name-birth' }),
      row(3, { status: 'linked', method: 'name-birth-kana' }),
      row(4, { status: 'linked', method: 'name-birth' }),
      row(5, { status: 'ambiguous' }),
      row(6, { status: 'unmatched' }),
      row(7, null),
    ]);
    expect(summary).toEqual({
      total: 6,
      linked: [
        { method: 'name-birth', count: 2 },
        { method: 'name-birth-kana', count: 1 },
      ],
      linkedTotal: 3,
      ambiguous: 1,
      unmatched: 2,
    });
  });

  it('lists fact, context and personal columns in first-seen order', () => {
    const columns = previewColumns([
      row(2, null, { facts: { 'a.x': 1 }, personalFields: ['name'] }),
      row(3, null, {
        facts: { 'a.y': 2, 'a.x': 3 },
        context: { school: 'A' },
        personalFields: ['kana', 'name'],
      }),
    ]);
    expect(columns).toEqual({
      facts: ['a.x', 'a.y'],
      context: ['school'],
      personal: ['name', 'kana'],
    });
  });

  it('renders stored values as text', () => {
    expect(factText(undefined)).toBe('');
    expect(factText(3)).toBe('3');
    expect(factText(true)).toBe('○');
    expect(factText('2025-04-01')).toBe('2025-04-01');
  });
});
