/** Stable codes for errors thrown by `@mimamori/engine` (expected validation failures are values). */
export const engineErrorCodes = [
  'invalid_rules',
  'unknown_operator',
  'unknown_condition',
  'condition_cycle',
  'unsupported_path',
  'operator_failed',
  'invalid_input',
] as const;
export type EngineErrorCode = (typeof engineErrorCodes)[number];

/**
 * The one error class of `@mimamori/engine`. Messages never carry fact values.
 *
 * @example
 * if (error instanceof EngineError && error.code === 'unknown_operator') showRuleEditorHint();
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
