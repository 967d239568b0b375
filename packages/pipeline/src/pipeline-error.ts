/** Codes of expected pipeline failures (the API maps them to HTTP statuses). */
export type PipelineErrorCode =
  | 'duplicate_batch'
  | 'no_roster'
  | 'no_published_rule_set'
  | 'invalid_rule_set'
  | 'unknown_connector'
  | 'bad_key'
  | 'bad_as_of'
  | 'as_of_mismatch';

/** The pipeline package's one error class. Messages never carry personal data. */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
