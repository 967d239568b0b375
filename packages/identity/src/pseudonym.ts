import { createHmac } from 'node:crypto';
import { IdentityError } from './identity-error';
import { isValidResidentNumber, normalizeResidentNumber } from './resident-number';

/** HMAC-SHA256 keys shorter than the hash add no security and hint at a placeholder value. */
export const minPseudonymKeyBytes = 32;
/** Domain separation: the same key used elsewhere never yields the same ids. */
const context = 'mimamori/child-id/v1\u0000';
const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32 (lower-case, no padding) of the first `chars` × 5 bits of `bytes`. */
function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/**
 * A keyed pseudonymiser: resident number → `c_` + 16 base32 characters (the first 80 bits of
 * HMAC-SHA256). Collision odds ≈ n²/2⁸¹: 4·10⁻¹⁵ for 100,000 children. Stable for a key; without
 * the key the id cannot be recomputed from a resident number. The key (MIMAMORI_PSEUDONYM_KEY,
 * at least 32 bytes, e.g. `openssl rand -hex 32`) comes from config and is never in the repo.
 * @example
 * const pseudonymize = createPseudonymizer(process.env.MIMAMORI_PSEUDONYM_KEY ?? '');
 * pseudonymize('1234567892'); // 'c_…' (16 characters after the prefix)
 */
export function createPseudonymizer(key: Uint8Array | string): (residentNumber: string) => string {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < minPseudonymKeyBytes) {
    throw new IdentityError(
      'bad_pseudonym_key',
      `pseudonym key (MIMAMORI_PSEUDONYM_KEY) must be at least ${minPseudonymKeyBytes} bytes; ` +
        'generate one with `openssl rand -hex 32`',
    );
  }
  return function pseudonymize(residentNumber: string): string {
    const normalized = normalizeResidentNumber(residentNumber);
    if (!isValidResidentNumber(normalized)) {
      throw new IdentityError(
        'bad_resident_number',
        'cannot pseudonymise an invalid resident number',
      );
    }
    const mac = createHmac('sha256', bytes)
      .update(context + normalized)
      .digest();
    return `c_${base32(mac, 16)}`;
  };
}

/**
 * One-off form of {@link createPseudonymizer} (prefer the factory in loops).
 * @example childIdFromResidentNumber('1234567892', key) // 'c_…'
 */
export function childIdFromResidentNumber(
  residentNumber: string,
  key: Uint8Array | string,
): string {
  return createPseudonymizer(key)(residentNumber);
}
