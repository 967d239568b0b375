import { IdentityError } from './identity-error';

/** Weights for d9 (rightmost of the first nine) back to d1: 2–7 cycling from the right. */
const weights = [2, 3, 4, 5, 6, 7, 2, 3, 4] as const;

/**
 * Check digit of a 宛名番号 (resident number) from its first nine digits. Scheme (the modulus-11
 * scheme of the 住民票コード, applied to 9 + 1 digits): weights 2,3,4,5,6,7,2,3,4 from the
 * rightmost digit leftwards; r = Σ dᵢ·wᵢ mod 11; check = 11 − r, except r ∈ {0, 1} → 0.
 * Catches a single wrong digit or an adjacent transposition unless it only moves r between 0 and 1.
 * @example residentNumberCheckDigit('123456789') // 2, so '1234567892' is valid
 */
export function residentNumberCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) {
    throw new IdentityError('bad_resident_number', 'expected exactly 9 ASCII digits');
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(8 - i) - 48) * (weights[i] ?? 0);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/**
 * True when `ten` is exactly 10 ASCII digits whose last is the check digit of the first nine.
 * No cleaning here: see {@link normalizeResidentNumber}.
 * @example isValidResidentNumber('1234567892') // true
 */
export function isValidResidentNumber(ten: string): boolean {
  return (
    /^\d{10}$/.test(ten) && residentNumberCheckDigit(ten.slice(0, 9)) === ten.charCodeAt(9) - 48
  );
}

/**
 * Cleans a resident (or household) number as exported (full-width digits, spaces, hyphens) without guessing:
 * leading zeros lost by a spreadsheet are NOT restored (the check digit would pass 1 in 11).
 * @example normalizeResidentNumber('１２３４-５６７８９２') // '1234567892'
 */
export function normalizeResidentNumber(raw: string): string {
  if (/^[0-9A-Za-z]*$/.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212]/gu, '');
}

/**
 * A valid resident number for a serial 0..999,999,999 (synthetic data): 9 zero-padded digits and
 * the check digit.
 * @example makeResidentNumber(123456789) // '1234567892'
 */
export function makeResidentNumber(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999_999) {
    throw new IdentityError('bad_serial', 'serial must be an integer 0..999999999');
  }
  const first9 = String(serial).padStart(9, '0');
  return first9 + String(residentNumberCheckDigit(first9));
}
