import { describe, expect, it } from 'vitest';
import { IdentityError } from './identity-error';
import { childIdFromResidentNumber, createPseudonymizer } from './pseudonym';
import { makeResidentNumber } from './resident-number';

const key = 'test-only-key-0123456789abcdef0123456789';

describe('createPseudonymizer', () => {
  it('is stable, keyed and shaped c_ + 16 base32 characters', () => {
    const p = createPseudonymizer(key);
    const id = p('1234567892');
    expect(id).toMatch(/^c_[a-z2-7]{16}$/);
    expect(p('1234-567892')).toBe(id);
    expect(childIdFromResidentNumber('1234567892', key)).toBe(id);
    expect(createPseudonymizer(`${key}x`)('1234567892')).not.toBe(id);
    expect(createPseudonymizer(new TextEncoder().encode(key))('1234567892')).toBe(id);
  });

  it('gives distinct ids to 100,000 children', () => {
    const p = createPseudonymizer(key);
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(p(makeResidentNumber(i)));
    expect(ids.size).toBe(100_000);
  });

  it('refuses an empty or short key, and invalid numbers', () => {
    expect(() => createPseudonymizer('')).toThrow(IdentityError);
    expect(() => createPseudonymizer('short')).toThrow(/at least 32 bytes/);
    expect(() => createPseudonymizer(key)('1234567893')).toThrow(IdentityError);
  });
});
