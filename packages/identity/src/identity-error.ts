/** Codes for programming or configuration errors in `@mimamori/identity` (not data problems). */
export const identityErrorCodes = [
  'bad_pseudonym_key',
  'bad_resident_number',
  'bad_serial',
  'bad_date',
  'duplicate_gaiji_code',
] as const;
export type IdentityErrorCode = (typeof identityErrorCodes)[number];

/**
 * The one error class of this package. Messages never carry names or other personal values.
 * @example
 * throw new IdentityError('bad_serial', 'serial must be an integer 0..999999999');
 */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
