import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  clearProblems,
  mappingFieldId,
  mappingPath,
  normalizeProblems,
  problemText,
  problemsAt,
  problemsUnder,
} from './problems';

const problems = [
  { path: '/columns/1/fact/purpose', code: 'missing_purpose', message: 'm', messageJa: '目的' },
  { path: '/columns/1/fact/id', code: 'bad_fact_id', message: 'id', messageJa: 'ID' },
  { path: '/columns/10/role', code: 'personal_fact', message: 'r', messageJa: '役割' },
  { path: '/columns', code: 'no_identity_column', message: 'c', messageJa: '本人' },
];

describe('mapping problems', () => {
  it('accepts pointers into the request body or into the mapping', () => {
    expect(mappingPath('/mapping/columns/0/role')).toBe('/columns/0/role');
    expect(mappingPath('/mapping')).toBe('');
    expect(mappingPath('/name')).toBe('/name');
    expect(normalizeProblems([{ path: '/mapping/name', message: 'x' }])[0]!.path).toBe('/name');
  });

  it('selects problems at a field and under a column without prefix collisions', () => {
    expect(problemsAt(problems, '/columns/1/fact/id')).toHaveLength(1);
    expect(problemsUnder(problems, '/columns/1')).toHaveLength(2);
    expect(problemsUnder(problems, '/columns/10')).toHaveLength(1);
  });

  it('clears the problems of an edited field and its children only', () => {
    expect(clearProblems(problems, '/columns/1/fact/id').map((p) => p.code)).toEqual([
      'missing_purpose',
      'personal_fact',
      'no_identity_column',
    ]);
    expect(clearProblems(problems, '/columns/1')).toHaveLength(2);
  });

  it('anchors a problem at the nearest field the page shows', () => {
    const fields = new Set(['/columns/1/fact/codes', '/columns/1/role']);
    expect(anchorOf('/columns/1/fact/codes/3', fields)).toBe('/columns/1/fact/codes');
    expect(anchorOf('/columns/1/role', fields)).toBe('/columns/1/role');
    expect(anchorOf('/columns/1/fact', fields)).toBe('');
  });

  it('speaks Japanese when it can and builds safe element ids', () => {
    expect(problemText(problems[0]!, 'ja')).toBe('目的');
    expect(problemText({ path: '', message: 'only en' }, 'ja')).toBe('only en');
    expect(problemText(problems[0]!, 'en')).toBe('m');
    expect(mappingFieldId('/columns/1/fact/label/ja')).toBe('m-columns-1-fact-label-ja');
  });
});
