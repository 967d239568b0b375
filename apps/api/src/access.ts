import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ApiEnv } from './env';
import { ApiError } from './problem';
import type { Role } from './roles';

/**
 * Who may call a route. `roles` are checked here; `scope` documents a narrowing the handler
 * applies to the rows themselves (out-of-scope ids answer 404, not 403).
 */
export type Access =
  | { readonly public: true }
  | { readonly roles: readonly Role[]; readonly scope?: 'own-school' | 'self' };

/** OpenAPI extension carrying a route's access rule (the matrix test reads it back). */
export const accessExtension = 'x-access';

/**
 * `createRoute` with a mandatory access rule, stored in the OpenAPI operation itself so the
 * document, the middleware and the role × route test share one table.
 * @example defineRoute({ roles: ['admin'] }, { method: 'get', path: '/users', responses })
 */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  access: Access,
  config: R,
) {
  return createRoute({ ...config, [accessExtension]: access });
}

/** Access rules by `METHOD /hono/:path`. */
export type AccessTable = ReadonlyMap<string, Access>;

/** Normalises `/a/{id}/` and `/a/:id` to `/a/:id`. */
export function routeKey(method: string, path: string): string {
  const hono = path.replace(/\{([^}]+)\}/g, ':$1').replace(/(.)\/+$/, '$1');
  return `${method.toUpperCase()} ${hono}`;
}

/** Reads every operation's access rule out of an OpenAPI document. */
export function accessTableFromDocument(document: {
  paths?: Record<string, unknown>;
}): Map<string, Access> {
  const table = new Map<string, Access>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, unknown>)) {
      const access = (operation as Record<string, unknown> | undefined)?.[accessExtension];
      if (access !== undefined) table.set(routeKey(method, path), access as Access);
    }
  }
  return table;
}

/** The endpoint (last non-middleware handler) the router matched, if any. */
function matchedEndpoint(c: Parameters<MiddlewareHandler<ApiEnv>>[0]): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route !== undefined && route.method !== 'ALL') {
      const method = c.req.method === 'HEAD' ? 'GET' : route.method;
      return routeKey(method, route.path);
    }
  }
  return undefined;
}

/**
 * Deny by default: a matched route without an access rule is refused (403
 * `access_undeclared`); no user → 401; a role not listed → 403.
 */
export function accessControl(table: () => AccessTable): MiddlewareHandler<ApiEnv> {
  return async function accessGuard(c, next) {
    const key = matchedEndpoint(c);
    if (key === undefined) return next();
    const access = table().get(key);
    if (access === undefined)
      throw new ApiError(403, 'access_undeclared', 'This route declares no access rule.');
    if ('public' in access) return next();
    const user = c.get('user');
    if (user === null) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
    if (!access.roles.includes(user.role))
      throw new ApiError(403, 'forbidden', 'Your role may not do this.');
    return next();
  };
}
