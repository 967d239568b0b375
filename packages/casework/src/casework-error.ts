/** Stable codes for casework failures; the API maps them to HTTP statuses in one place. */
export const caseworkErrorCodes = [
  'not_found',
  'not_flagged',
  'invalid_input',
  'not_in_rule_set',
  'invalid_state',
  'same_person',
  'already_reviewed',
  'invalid_cron',
  'not_encodable',
  'stale_sheet',
  'stale_case',
  'purged',
  'sheet_not_shared',
  'unknown_school',
] as const;

/** One of {@link caseworkErrorCodes}. */
export type CaseworkErrorCode = (typeof caseworkErrorCodes)[number];

/**
 * The one error class of `@mimamori/casework`. Messages name ids and codes, never personal data.
 * @example throw new CaseworkError('not_found', 'sheet not found');
 */
export class CaseworkError extends Error {
  override readonly name = 'CaseworkError';
  readonly code: CaseworkErrorCode;

  constructor(code: CaseworkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
