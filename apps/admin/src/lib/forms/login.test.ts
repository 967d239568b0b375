import { describe, expect, it } from 'vitest';
import { loginSchema } from './login';
import { issuesOf } from './test-issues';

describe('sign-in form', () => {
  it('trims the username and keeps the password as typed', () => {
    expect(loginSchema.parse({ username: ' center1 ', password: ' pass ' })).toEqual({
      username: 'center1',
      password: ' pass ',
    });
  });

  it('needs both fields', () => {
    expect(issuesOf(loginSchema, { username: '  ', password: '' })).toEqual({
      username: 'form.required',
      password: 'form.required',
    });
  });

  it('refuses what the API would refuse', () => {
    expect(issuesOf(loginSchema, { username: 'u'.repeat(129), password: 'p'.repeat(257) })).toEqual(
      {
        username: 'form.tooLong',
        password: 'form.tooLong',
      },
    );
  });
});
