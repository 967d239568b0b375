/** Stable codes for programming and configuration errors raised by the connector kit. */
export const connectorKitErrorCodes = [
  'invalid_connector',
  'invalid_record',
  'connector_failed',
  'not_encodable',
  'invalid_argument',
] as const;
export type ConnectorKitErrorCode = (typeof connectorKitErrorCodes)[number];

/**
 * The one error class of `@mimamori/connector-kit`. Expected data problems are
 * `RowIssue` values instead; this is thrown for bugs and impossible requests.
 * Messages never carry cell values.
 *
 * @example
 * if (error instanceof ConnectorKitError && error.code === 'not_encodable') retryAsUtf8();
 */
export class ConnectorKitError extends Error {
  override readonly name = 'ConnectorKitError';
  readonly code: ConnectorKitErrorCode;

  constructor(code: ConnectorKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
