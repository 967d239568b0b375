/** Stable codes for database failures; the API maps them to HTTP statuses. */
export const dbErrorCodes = [
  'unsupported_url',
  'open_failed',
  'migration_failed',
  'not_found',
  'duplicate',
  'not_draft',
  'invalid_state',
  'approval_required',
  'approval_same_person',
  'approval_pending',
  'approval_not_pending',
  'approval_stale',
  'invalid_json',
  'query_failed',
] as const;

/** One of {@link dbErrorCodes}. */
export type DbErrorCode = (typeof dbErrorCodes)[number];

/**
 * The one error class of `@mimamori/db`. Messages never carry personal data.
 * @example throw new DbError('not_found', 'rule set version not found');
 */
export class DbError extends Error {
  override readonly name = 'DbError';
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when a driver error is a unique/primary-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
