import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, toSessionUser, type AppContext } from '../context';
import { roles } from '../roles';
import { assertLoginAllowed, attemptKeys, recordLoginFailure } from '../login-limiter';
import { ApiError } from '../problem';
import { jsonBody, jsonResponse, okSchema, problemResponses } from '../schemas/common';
import { loginBodySchema, sessionUserSchema } from '../schemas/users';
import { clearSessionCookie, createSession, setSessionCookie } from '../session';

const userResponse = z.object({ user: sessionUserSchema }).openapi('UserResponse');
const everyone = { roles } as const;

const login = defineRoute(
  { public: true },
  {
    method: 'post',
    path: '/login',
    tags: ['auth'],
    summary: 'Sign in; sets the session cookie',
    request: { body: jsonBody(loginBodySchema) },
    responses: {
      200: jsonResponse(userResponse, 'Signed in'),
      ...problemResponses,
      429: problemResponses[401],
    },
  },
);
const logout = defineRoute(everyone, {
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 200: jsonResponse(okSchema, 'Signed out'), ...problemResponses },
});
const logoutAll = defineRoute(everyone, {
  method: 'post',
  path: '/logout-all',
  tags: ['auth'],
  summary: 'End every session of the signed-in user',
  responses: {
    200: jsonResponse(
      z.object({ ok: z.literal(true), ended: z.number().int() }),
      'Signed out everywhere',
    ),
    ...problemResponses,
  },
});
const me = defineRoute(everyone, {
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  responses: { 200: jsonResponse(userResponse, 'The signed-in user'), ...problemResponses },
});

/** Sign-in, sign-out and "who am I" (sessions the Lucia way). */
export function authRoutes(ctx: AppContext) {
  const { deps, hasher, limits, now } = ctx;
  let dummyHash: Promise<string> | undefined;
  /** Verifies against a throwaway hash so unknown users take as long as known ones. */
  function spendTime(password: string): Promise<boolean> {
    dummyHash ??= hasher.hash('mimamori-timing-equaliser-password');
    return dummyHash.then((hashed) => hasher.verify(hashed, password));
  }

  return createRouter()
    .openapi(login, async function signIn(c) {
      const { username, password } = c.req.valid('json');
      const keys = attemptKeys(username, c.get('ip'));
      // One attempt per account at a time: a burst of guesses cannot outrun the lockout.
      const user = await ctx.loginGate.run(keys.account, async function attempt() {
        const at = now();
        let release: () => void;
        try {
          release = await assertLoginAllowed(deps.loginAttempts, keys, limits, at, ctx.loginGate);
        } catch (error) {
          await audit(c, 'auth.login.failure', null, { reason: 'locked' });
          throw error;
        }
        try {
          const found = await deps.users.findByUsername(username);
          const ok =
            found !== undefined && !found.disabled
              ? await hasher.verify(found.passwordHash, password)
              : await spendTime(password).then(() => false);
          if (!ok || found === undefined) {
            await recordLoginFailure(deps.loginAttempts, keys, at);
            await audit(
              c,
              'auth.login.failure',
              found === undefined ? null : { type: 'user', id: found.id },
              {
                reason:
                  found === undefined
                    ? 'unknown_user'
                    : found.disabled
                      ? 'disabled'
                      : 'bad_password',
              },
            );
            throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
          }
          await deps.loginAttempts.clear(keys.account);
          return found;
        } finally {
          release();
        }
      });
      const at = now();
      const previous = c.get('sessionId');
      if (previous !== null) await deps.sessions.delete(previous);
      const { token, session } = await createSession(deps.sessions, user, {
        ip: c.get('ip'),
        userAgent: c.req.header('user-agent') ?? null,
        now: at,
      });
      setSessionCookie(c, token, session.expiresAt);
      c.set('user', toSessionUser(user));
      c.set('sessionId', session.id);
      await audit(c, 'auth.login.success', { type: 'user', id: user.id });
      return c.json({ user: toSessionUser(user) }, 200);
    })
    .openapi(logout, async function signOut(c) {
      const id = c.get('sessionId');
      if (id !== null) await deps.sessions.delete(id);
      clearSessionCookie(c);
      await audit(c, 'auth.logout');
      return c.json({ ok: true as const }, 200);
    })
    .openapi(logoutAll, async function signOutEverywhere(c) {
      const user = c.get('user');
      const ended = user === null ? 0 : await deps.sessions.deleteForUser(user.id);
      clearSessionCookie(c);
      await audit(c, 'auth.logout_all', null, { ended });
      return c.json({ ok: true as const, ended }, 200);
    })
    .openapi(me, function whoAmI(c) {
      const user = c.get('user');
      if (user === null) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
      return c.json({ user }, 200);
    });
}
