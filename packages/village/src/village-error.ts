/** Codes for the village generator's failures. */
export type VillageErrorCode = 'invalid_options' | 'write_failed';

/** The one error class of `@mimamori/village`. */
export class VillageError extends Error {
  override readonly name = 'VillageError';
  constructor(
    readonly code: VillageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
