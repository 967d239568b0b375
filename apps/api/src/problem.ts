import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { Problem } from './schemas/common';

/** Media type of every error answer (RFC 9457). */
export const problemMediaType = 'application/problem+json';

/** One field-level problem (JSON pointer-ish path, message without values). */
export interface ProblemField {
  path: string;
  message: string;
  /** A stable code for the field problem (e.g. `missing_purpose`). */
  code?: string;
  /** The message in Japanese, for staff. */
  messageJa?: string;
}

/**
 * The API's one error class: an HTTP status with a stable `code`. `onError` turns it into
 * problem+json; the message must never carry personal data or request bodies.
 * @example throw new ApiError(404, 'not_found', 'child not found');
 */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly errors: ProblemField[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    detail?: string,
    options?: { errors?: ProblemField[]; cause?: unknown; headers?: Record<string, string> },
  ) {
    super(status, { message: detail ?? code, cause: options?.cause });
    this.name = 'ApiError';
    this.code = code;
    this.errors = options?.errors;
    this.headers = options?.headers;
  }
}

/** Titles for statuses (RFC 9110 reason phrases). */
const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Codes for errors Hono or the validator raise themselves, by status. */
const codesByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Codes other packages throw for expected failures (their one error class each: a `code`
 * and a message without personal data), mapped to HTTP here and only here.
 */
const packageCodes: Record<string, ContentfulStatusCode> = {
  not_found: 404,
  duplicate: 409,
  not_draft: 409,
  invalid_state: 409,
  // second-person approval of rule-set publishing (@mimamori/db)
  approval_required: 409,
  approval_same_person: 403,
  approval_pending: 409,
  approval_not_pending: 409,
  approval_stale: 409,
  invalid_json: 400,
  invalid_rule_set: 422,
  unknown_connector: 404,
  // @mimamori/casework
  invalid_input: 400,
  not_in_rule_set: 422,
  invalid_cron: 400,
  not_flagged: 409,
  same_person: 409,
  already_reviewed: 409,
  not_encodable: 422,
  // @mimamori/pipeline, @mimamori/mapping
  no_published_rule_set: 409,
  bad_sample: 422,
  invalid_mapping: 422,
};

/** Package codes answered under the API's own name for the same thing. */
const renamedCodes: Record<string, string> = { invalid_input: 'validation_failed' };

/** Short English details for package codes (the package message may name ids; keep it out). */
const packageDetails: Record<string, string> = {
  invalid_input: 'The request does not match the schema.',
  invalid_cron: 'The cron expression cannot be read.',
  not_in_rule_set: "The type or level is not in the run's rule set.",
  not_flagged: 'The child is not flagged in that run.',
  same_person: 'An override is reviewed by a second person.',
  already_reviewed: 'The override was already reviewed.',
  not_encodable: 'A character has no CP932 form; choose UTF-8 or XLSX.',
  invalid_state: 'That is not possible in the current state.',
  approval_required: "Publishing this rule set needs a second person's approval.",
  approval_same_person: 'You asked for this approval: another person approves or rejects it.',
  approval_pending: 'This draft already awaits approval.',
  approval_not_pending: 'This draft has no pending approval request.',
  approval_stale: 'The draft changed after approval was requested; ask again.',
  no_published_rule_set: 'No rule set is published.',
};

/** Builds a problem+json response. */
export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail?: string,
  errors?: ProblemField[],
  headers?: Record<string, string>,
): Response {
  const body: Problem = {
    type: `urn:mimamori:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    code,
  };
  if (detail !== undefined) body.detail = detail;
  if (errors !== undefined && errors.length > 0) body.errors = errors;
  for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  c.header('cache-control', 'no-store');
  return c.body(JSON.stringify(body), status, { 'content-type': problemMediaType });
}

/** Field problems from a zod error: paths only, no input values. */
export function zodProblemFields(error: ZodError): ProblemField[] {
  return error.issues.slice(0, 50).map(function toField(issue) {
    return { path: '/' + issue.path.map(String).join('/'), message: issue.message };
  });
}

/** Something another package threw with a known `code` (DbError, EngineError, …). */
function packageErrorStatus(
  error: Error,
):
  | { status: ContentfulStatusCode; code: string; detail?: string; errors?: ProblemField[] }
  | undefined {
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const status = packageCodes[code];
  if (status === undefined) return undefined;
  const detail = packageDetails[code];
  return {
    status,
    code: renamedCodes[code] ?? code,
    ...(detail === undefined ? {} : { detail }),
    ...(error.cause instanceof ZodError ? { errors: zodProblemFields(error.cause) } : {}),
  };
}

/** Logs a failure by code and status only: never bodies, values or messages with data. */
export type ErrorLogger = (entry: {
  code: string;
  status: number;
  method: string;
  route: string;
  error?: string;
}) => void;

/** The one `onError`: every thrown error becomes a problem+json answer. */
export function createErrorHandler(log: ErrorLogger) {
  return function onError(error: Error, c: Context): Response {
    const route = c.req.routePath;
    if (error instanceof ApiError) {
      return problemResponse(
        c,
        error.status,
        error.code,
        error.message,
        error.errors,
        error.headers,
      );
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = codesByStatus[status] ?? (status >= 500 ? 'internal' : 'bad_request');
      if (status >= 500) log({ code, status, method: c.req.method, route });
      return problemResponse(c, status, code, status >= 500 ? undefined : error.message);
    }
    const known = packageErrorStatus(error);
    if (known !== undefined)
      return problemResponse(c, known.status, known.code, known.detail, known.errors);
    log({ code: 'internal', status: 500, method: c.req.method, route, error: error.name });
    return problemResponse(c, 500, 'internal', 'An unexpected error occurred.');
  };
}

/** The one `notFound`. */
export function notFoundHandler(c: Context): Response {
  return problemResponse(c, 404, 'not_found', 'No such resource.');
}

/** The zod-openapi `defaultHook`: validation failures answer 400 with field paths. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  return problemResponse(
    c,
    400,
    'validation_failed',
    'The request does not match the schema.',
    zodProblemFields(result.error),
  );
}
