import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps, UserRecord } from './deps';
import type { ApiEnv } from './env';
import type { LoginGate, LoginLimits } from './login-limiter';
import type { PasswordHasher } from './password';
import { validationHook } from './problem';
import type { SessionUser } from './schemas/users';

/** What every route module receives from `createApp`. */
export interface AppContext {
  deps: ApiDeps;
  hasher: PasswordHasher;
  limits: LoginLimits;
  /** Serialises sign-in attempts per account and counts those in progress per address. */
  loginGate: LoginGate;
  now: () => Date;
}

/** A router for one area: validation failures answer problem+json via the shared hook. */
export function createRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}

/** The public view of a stored user. */
export function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, username: user.username, role: user.role, school: user.school };
}
