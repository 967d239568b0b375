import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  accessControl,
  accessTableFromDocument,
  routeKey,
  type Access,
  type AccessTable,
} from './access';
import { createRouter, toSessionUser, type AppContext } from './context';
import type { ApiDeps } from './deps';
import type { ApiEnv } from './env';
import { createLoginGate, defaultLoginLimits, type LoginLimits } from './login-limiter';
import { createPasswordHasher, defaultPasswordCost, type PasswordCost } from './password';
import { createErrorHandler, notFoundHandler, validationHook, type ErrorLogger } from './problem';
import { isRole } from './roles';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { caseRoutes } from './routes/cases';
import { childRoutes } from './routes/children';
import { dataRoutes } from './routes/data';
import { docsRoutes, docsAccess } from './routes/docs';
import { exportRoutes } from './routes/exports';
import { importRoutes } from './routes/imports';
import { inventoryRoutes } from './routes/inventory';
import { kpiRoutes } from './routes/kpi';
import { previewRoutes } from './routes/preview';
import { ruleSetApprovalRoutes } from './routes/rule-set-approvals';
import { ruleSetRoutes } from './routes/rule-sets';
import { runRoutes } from './routes/runs';
import { sheetRoutes } from './routes/sheets';
import { simulateRoutes } from './routes/simulate';
import { sourceRoutes } from './routes/sources';
import { userRoutes } from './routes/users';
import {
  bodyLimits,
  clientIp,
  crossSiteReadGuard,
  csrfGuard,
  pathGuard,
  securityHeaders,
} from './security';
import {
  clearSessionCookie,
  readSessionToken,
  setSessionCookie,
  validateSessionToken,
} from './session';

/** Knobs for `createApp`; the defaults are production values. */
export interface AppOptions {
  /** Take the client address from `x-forwarded-for` (only behind a proxy you run). */
  trustProxy?: boolean;
  /** Clock (tests move it). */
  now?: () => Date;
  /** argon2id cost; tests may lower it. */
  passwordCost?: PasswordCost;
  loginLimits?: LoginLimits;
  /** Error log: codes and statuses only. Default: one line on stderr. */
  log?: ErrorLogger;
}

/** Default logger: code, status and route; never bodies or values. */
const stderrLogger: ErrorLogger = function logError(entry) {
  process.stderr.write(
    `api error ${entry.status} ${entry.code} ${entry.method} ${entry.route}${entry.error ? ` ${entry.error}` : ''}\n`,
  );
};

/** Reads the session cookie and sets `user` / `sessionId` (sliding expiry renews the cookie). */
function sessionMiddleware(ctx: AppContext): MiddlewareHandler<ApiEnv> {
  return async function loadSession(c, next) {
    c.set('deps', ctx.deps);
    c.set('user', null);
    c.set('sessionId', null);
    const token = readSessionToken(c);
    if (token !== undefined) {
      const found = await validateSessionToken(ctx.deps, token, ctx.now());
      if (found === null || !isRole(found.user.role)) {
        clearSessionCookie(c);
      } else {
        c.set('user', toSessionUser(found.user));
        c.set('sessionId', found.session.id);
        setSessionCookie(c, token, found.session.expiresAt);
      }
    }
    await next();
  };
}

/**
 * The API under `/api`: sessions, CSRF, security headers, body limits, role checks from
 * the OpenAPI document's `x-access` rules, problem+json errors in one place.
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/auth/me');
 */
export function createApp(deps: ApiDeps, options: AppOptions = {}) {
  const ctx: AppContext = {
    deps,
    hasher: createPasswordHasher(options.passwordCost ?? defaultPasswordCost),
    limits: options.loginLimits ?? defaultLoginLimits,
    loginGate: createLoginGate(),
    now: options.now ?? (() => new Date()),
  };
  let table: AccessTable | undefined;
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).basePath('/api');
  app.use(
    '*',
    securityHeaders(),
    clientIp(options.trustProxy ?? false),
    pathGuard(),
    sessionMiddleware(ctx),
    csrfGuard(),
  );
  // Every read may carry personal data or write the audit log in the signed-in user's name: a
  // cross-site navigation (which carries the SameSite=Lax cookie) is refused everywhere but the
  // API's public reference.
  app.use(
    '*',
    crossSiteReadGuard(
      (path) =>
        path === '/api/openapi.json' || path === '/api/docs' || path.startsWith('/api/docs/'),
    ),
  );
  app.use(
    '*',
    accessControl(() => (table ??= buildAccessTable(app, docsAccess))),
    bodyLimits(),
  );

  const routes = app
    .route('/auth', authRoutes(ctx))
    .route('/users', userRoutes(ctx))
    .route('/children', childRoutes(ctx))
    .route('/rule-sets', ruleSetRoutes(ctx))
    .route('/rule-sets', ruleSetApprovalRoutes(ctx))
    .route('/rule-sets', simulateRoutes(ctx))
    .route('/preview', previewRoutes(ctx))
    .route('/runs', runRoutes(ctx))
    .route('/imports', importRoutes(ctx))
    .route('/', dataRoutes(ctx))
    .route('/', caseRoutes(ctx))
    .route('/', sheetRoutes(ctx))
    .route('/', kpiRoutes(ctx))
    .route('/', exportRoutes(ctx))
    .route('/', sourceRoutes(ctx))
    .route('/', inventoryRoutes(ctx))
    .route('/audit', auditRoutes(ctx))
    .route(
      '/',
      docsRoutes(() => openApiDocument(app)),
    );

  app.onError(createErrorHandler(options.log ?? stderrLogger));
  app.notFound(notFoundHandler);
  return routes;
}

/** The app's typed shape, for `hc<AppType>` in the admin UI. */
export type AppType = ReturnType<typeof createApp>;

type AnyOpenApi = Pick<OpenAPIHono, 'getOpenAPI31Document'>;
const documents = new WeakMap<object, ReturnType<AnyOpenApi['getOpenAPI31Document']>>();

/** The OpenAPI 3.1 document, generated once from the routes' zod schemas. */
export function openApiDocument(app: AnyOpenApi) {
  let document = documents.get(app);
  if (document === undefined) {
    document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Mimamori API',
        version: '0.1.0',
        description:
          'Every operation carries `x-access`: the roles that may call it (deny by default).',
      },
    });
    documents.set(app, document);
  }
  return document;
}

function buildAccessTable(app: AnyOpenApi, extra: Record<string, Access>): AccessTable {
  const table = accessTableFromDocument(openApiDocument(app));
  for (const [key, access] of Object.entries(extra)) {
    const [method = 'GET', path = '/'] = key.split(' ');
    table.set(routeKey(method, path), access);
  }
  return table;
}

export { createRouter };
