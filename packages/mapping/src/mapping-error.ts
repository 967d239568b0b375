/** Stable codes for errors raised by `@mimamori/mapping`. */
export const mappingErrorCodes = ['invalid_mapping', 'bad_sample', 'invalid_argument'] as const;
export type MappingErrorCode = (typeof mappingErrorCodes)[number];

/**
 * The one error class of `@mimamori/mapping`. Expected problems (an incomplete mapping, a rule on
 * an undeclared fact) are values; this is thrown when a caller asks for the impossible.
 * Messages never carry cell values.
 *
 * @example
 * if (error instanceof MappingError && error.code === 'invalid_mapping') showProblems(error.cause);
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly code: MappingErrorCode;

  constructor(code: MappingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
