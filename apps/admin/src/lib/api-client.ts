/**
 * The API's typed client (`hc<AppType>`): paths, parameters, bodies and answers come from the
 * API's own route definitions. `AppType` is imported as a type only, so no server code reaches
 * the browser bundle.
 */
import type { AppType, Problem } from '@mimamori/api';
import {
  hc,
  type ClientResponse,
  type InferRequestType,
  type InferResponseType,
} from 'hono/client';

/** A failed API call, carrying the RFC 9457 problem the API answered with. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ApiError';
    this.code = problem.code;
    this.status = problem.status;
    this.problem = problem;
  }
}

/** Options of {@link createApiClient}; the defaults are the browser's. */
export type ApiClientOptions = {
  /** Where `/api` lives: the page's own origin by default (the session cookie rides along). */
  baseUrl?: string;
  /** Tests route calls to `app.request` instead of the network. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Extra headers on every call (tests send `cookie` and `origin`). */
  headers?: Record<string, string>;
};

/**
 * Query strings without empty values (an unset filter is no filter); numbers and booleans are
 * sent as text, as the API's query schemas read them.
 */
function searchParams(query: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item !== undefined && item !== null && item !== '')
        params.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  return params;
}

/**
 * The typed client over the API app; its routes are under `client.api` (the app's base path).
 * @example
 * const client = createApiClient();
 * const versions = await send(client.api['rule-sets'][':id'].versions.$get({ param: { id } }));
 */
export function createApiClient(options: ApiClientOptions = {}) {
  return hc<AppType>(options.baseUrl ?? '/', {
    init: { credentials: 'same-origin' },
    headers: { accept: 'application/json, application/problem+json', ...options.headers },
    buildSearchParams: searchParams,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

/** The typed client. */
export type ApiClient = ReturnType<typeof createApiClient>;
/** The API's routes (`client.api`). */
export type Api = ApiClient['api'];
/** The body a route answers with on success (200, 201 or 202). */
export type Answer<Call> = InferResponseType<Call, 200 | 201 | 202>;
/** The JSON body a route takes. */
export type JsonBody<Call> = InferRequestType<Call> extends { json: infer Body } ? Body : never;

/** The body of a call's 2xx answers: JSON as the route declares it, nothing for 204. */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends 204
      ? void
      : S extends 200 | 201 | 202
        ? F extends 'json'
          ? T
          : never
        : never
    : never;

/** What a body-reading failure looks like when the API's answer carries no problem. */
function fallbackProblem(status: number, statusText: string): Problem {
  return {
    type: 'about:blank',
    title: statusText || 'Request failed',
    status,
    code: `http_${status}`,
  };
}

/** Turns any non-2xx response into an `ApiError`, whatever its body. */
export async function problemFrom(
  response: Pick<Response, 'status' | 'statusText' | 'headers' | 'json'>,
): Promise<ApiError> {
  const fallback = fallbackProblem(response.status, response.statusText);
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({ ...fallback, ...body });
    } catch (cause) {
      return new ApiError(fallback, { cause });
    }
  }
  return new ApiError(fallback);
}

/** The problem of a request that never got an answer. */
export function networkError(cause?: unknown): ApiError {
  return new ApiError(
    { type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Awaits a typed call: its 2xx body typed from the route, `ApiError` for a problem answer or a
 * network failure; an aborted call rejects with the `AbortError` itself.
 * @example const runs = await send(client.api.runs.$get());
 */
export async function send<R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<Success<R>> {
  let response: R;
  try {
    response = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError(cause);
  }
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return undefined as Success<R>;
  return (await response.json()) as Success<R>;
}

/** Per-call options: an `AbortSignal` to cancel a superseded request. */
export function withSignal(signal: AbortSignal | undefined) {
  return signal === undefined ? {} : { init: { signal } };
}

/**
 * Multipart upload with progress: `fetch` (and so `hc`) cannot report upload progress, XHR can.
 * The caller passes the route's typed `$path()` and builds the form from the route's typed form
 * fields; `onProgress` receives 0–1.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (ratio: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      onProgress(1);
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch (cause) {
        reject(
          new ApiError(
            { ...fallbackProblem(xhr.status, 'Bad response'), code: 'bad_response' },
            { cause },
          ),
        );
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else
        reject(
          new ApiError({
            ...fallbackProblem(xhr.status, xhr.statusText),
            ...(body as Partial<Problem>),
          }),
        );
    };
    xhr.send(form);
  });
}

/** A `FormData` of a route's typed form fields (absent fields left out). */
export function formData(fields: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.set(name, value);
  }
  return form;
}
