import { describe, expect, it } from 'vitest';
import { errorId, fieldAria, problemFieldText, topLevelField } from './problem-fields';

describe('where form problems show', () => {
  it("finds the form field an API problem's pointer names", () => {
    const data = { reason: '', attendees: '' };
    expect(topLevelField('/reason', data)).toBe('reason');
    expect(topLevelField('/attendees/0', data)).toBe('attendees');
    expect(topLevelField('/agency', data)).toBeUndefined();
    expect(topLevelField('', data)).toBeUndefined();
    expect(topLevelField('/toString', data)).toBeUndefined();
  });

  it('uses the Japanese message in Japanese when there is one', () => {
    const problem = { path: '/note', message: 'Too long', messageJa: '長すぎます' };
    expect(problemFieldText(problem, 'ja')).toBe('長すぎます');
    expect(problemFieldText(problem, 'en')).toBe('Too long');
    expect(problemFieldText({ message: 'Too long' }, 'ja')).toBe('Too long');
  });

  it('ties an invalid input to its message, and a valid one to nothing', () => {
    expect(fieldAria('mt-summary', ['form.required'])).toEqual({
      'aria-invalid': 'true',
      'aria-describedby': errorId('mt-summary'),
    });
    expect(errorId('mt-summary')).toBe('mt-summary-error');
    expect(fieldAria('mt-summary', [])).toEqual({});
    expect(fieldAria('mt-summary', undefined)).toEqual({});
  });
});
