import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiEnv } from './env';
import { ApiError } from './problem';

/** Largest JSON (or other non-upload) body. */
export const jsonBodyLimit = 1024 * 1024;
/** Largest multipart upload. */
export const uploadBodyLimit = 50 * 1024 * 1024;
/** Longest request path we route. */
const maxPathLength = 2048;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses path tricks before routing: encoded slashes or backslashes, NUL, dot segments and
 * very long paths answer 400 `bad_path` (never reach a handler, never 5xx).
 */
export function pathGuard(): MiddlewareHandler<ApiEnv> {
  return async function rejectPathTricks(c, next) {
    const raw = rawPath(c.req.url);
    if (raw.length > maxPathLength) throw new ApiError(400, 'bad_path', 'The path is too long.');
    if (/%(2f|5c|00)|\\|\0/i.test(raw))
      throw new ApiError(400, 'bad_path', 'Encoded separators are not allowed.');
    const segments = raw.split('/').map(function decodeDots(segment) {
      return segment.replace(/%2e/gi, '.');
    });
    if (segments.some((s) => s === '.' || s === '..'))
      throw new ApiError(400, 'bad_path', 'Dot segments are not allowed.');
    try {
      decodeURIComponent(raw);
    } catch (cause) {
      throw new ApiError(400, 'bad_path', 'The path is not valid percent-encoding.', { cause });
    }
    await next();
  };
}

/** Path part of a URL exactly as sent (the URL parser would resolve dot segments). */
function rawPath(url: string): string {
  const afterScheme = url.indexOf('//');
  const start = url.indexOf('/', afterScheme + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

/**
 * CSRF: every state-changing request must come from our own origin. `Origin` must match the
 * request's host; without `Origin`, `Sec-Fetch-Site: same-origin` is accepted; else 403 `csrf`.
 */
export function csrfGuard(): MiddlewareHandler<ApiEnv> {
  return async function checkOrigin(c, next) {
    if (!unsafeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (origin !== undefined && origin !== 'null') {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      if (originHost !== undefined && originHost === host) return next();
      throw new ApiError(403, 'csrf', 'Cross-site request refused.');
    }
    if (c.req.header('sec-fetch-site') === 'same-origin') return next();
    throw new ApiError(403, 'csrf', 'Cross-site request refused (no Origin).');
  };
}

/**
 * Reads that answer personal data and write the audit log refuse a cross-site navigation: the
 * SameSite=Lax session cookie travels with it. `Sec-Fetch-Site: cross-site` answers 403 `csrf`;
 * same-origin, same-site, `none` (typed or bookmarked) and no header pass.
 */
export function crossSiteReadGuard(
  isPublic: (path: string) => boolean = () => false,
): MiddlewareHandler<ApiEnv> {
  return async function refuseCrossSiteRead(c, next) {
    if (c.req.header('sec-fetch-site')?.toLowerCase() === 'cross-site' && !isPublic(c.req.path))
      throw new ApiError(403, 'csrf', 'Cross-site request refused.');
    await next();
  };
}

/** Body size limits: 50 MiB for multipart uploads, 1 MiB for everything else (413). */
export function bodyLimits(): MiddlewareHandler<ApiEnv> {
  function tooLarge(): never {
    throw new ApiError(413, 'payload_too_large', 'The request body is too large.');
  }
  const json = bodyLimit({ maxSize: jsonBodyLimit, onError: tooLarge });
  const upload = bodyLimit({ maxSize: uploadBodyLimit, onError: tooLarge });
  return async function limitBody(c, next) {
    const headers = c.req.raw.headers;
    const multipart = (c.req.header('content-type') ?? '')
      .toLowerCase()
      .startsWith('multipart/form-data');
    if (!headers.has('content-length')) {
      if (c.req.raw.body === null) return next();
      // A body without a length (chunked, or a request built in-process): hono's bodyLimit cannot
      // re-wrap node-server's request (it threw, 500), so read it here up to the limit and go on
      // with a plain request holding the bytes.
      const limit = multipart ? uploadBodyLimit : jsonBodyLimit;
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = c.req.raw.body?.getReader();
      for (;;) {
        const part = reader === undefined ? { done: true as const } : await reader.read();
        if (part.done) break;
        size += part.value.byteLength;
        if (size > limit) {
          await reader?.cancel();
          tooLarge();
        }
        chunks.push(part.value);
      }
      const body = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.byteLength;
      }
      const plain = new Headers(headers);
      plain.delete('transfer-encoding');
      plain.set('content-length', String(size));
      c.req.raw = new Request(c.req.url, { method: c.req.method, headers: plain, body });
      return next();
    }
    return multipart ? upload(c, next) : json(c, next);
  };
}

/**
 * Security headers: CSP `default-src 'self'`, no framing, nosniff, no referrer leaks. A page that
 * sets its own, stricter policy (the API reference, the printable inventory) keeps it.
 */
export function securityHeaders(): MiddlewareHandler<ApiEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      imgSrc: ["'self'", 'data:'],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    overwrite: false,
  });
}

/** Client address: the socket's, or the last `x-forwarded-for` hop when a proxy is trusted. */
export function clientIp(trustProxy: boolean): MiddlewareHandler<ApiEnv> {
  return async function resolveClientIp(c, next) {
    let ip: string | null = null;
    if (trustProxy) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      ip = hops.at(-1) ?? null;
    }
    if (ip === null) {
      const env: unknown = c.env;
      const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
        ?.incoming;
      ip = incoming?.socket?.remoteAddress ?? null;
    }
    c.set('ip', ip !== null && ip.length <= 64 ? ip : null);
    await next();
  };
}
