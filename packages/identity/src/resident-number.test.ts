import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityError } from './identity-error';
import {
  isValidResidentNumber,
  makeResidentNumber,
  normalizeResidentNumber,
  residentNumberCheckDigit,
} from './resident-number';

describe('resident number', () => {
  it('computes the documented modulus-11 check digit', () => {
    // 9·2 + 8·3 + 7·4 + 6·5 + 5·6 + 4·7 + 3·2 + 2·3 + 1·4 = 174; 174 mod 11 = 9; 11 − 9 = 2
    expect(residentNumberCheckDigit('123456789')).toBe(2);
    expect(residentNumberCheckDigit('000000000')).toBe(0);
    expect(isValidResidentNumber('1234567892')).toBe(true);
    expect(isValidResidentNumber('1234567893')).toBe(false);
    expect(isValidResidentNumber('123456789')).toBe(false);
    expect(isValidResidentNumber('１２３４５６７８９２')).toBe(false);
  });

  it('normalises width and separators without restoring lost zeros', () => {
    expect(normalizeResidentNumber('１２３４-５６７８９２ ')).toBe('1234567892');
    expect(normalizeResidentNumber('12345678')).toBe('12345678');
  });

  it('makes valid numbers from serials and rejects bad serials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (serial) => {
        const n = makeResidentNumber(serial);
        expect(n).toHaveLength(10);
        expect(isValidResidentNumber(n)).toBe(true);
        const wrong = n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
        expect(isValidResidentNumber(wrong)).toBe(false);
      }),
    );
    expect(() => makeResidentNumber(-1)).toThrow(IdentityError);
    expect(() => makeResidentNumber(1.5)).toThrow(IdentityError);
    expect(() => residentNumberCheckDigit('12')).toThrow(IdentityError);
  });

  it('catches adjacent transpositions whenever the remainder is not moved between 0 and 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 7 }),
        (s, i) => {
          const n = makeResidentNumber(s);
          const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
          fc.pre(swapped !== n && residentNumberCheckDigit(swapped.slice(0, 9)) !== 0);
          expect(isValidResidentNumber(swapped)).toBe(false);
        },
      ),
    );
  });
});
