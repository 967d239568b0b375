import type { ApiDeps } from './deps';
import type { SessionUser } from './schemas/users';

/** Per-request state set by the app's middleware. */
export interface ApiVariables {
  deps: ApiDeps;
  /** The signed-in user, or null (anonymous). */
  user: SessionUser | null;
  /** The current session id (hex sha256 of the token), or null. */
  sessionId: string | null;
  /** Client address (socket, or x-forwarded-for when configured). */
  ip: string | null;
}

/** Hono environment of every route module. */
export interface ApiEnv {
  Variables: ApiVariables;
}
