import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionRecord, SessionStore, UserRecord, UserStore } from './deps';

/** Name of the session cookie. */
export const sessionCookie = 'mimamori_session';
const hour = 60 * 60 * 1000;
/**
 * A session ends after 8 idle hours (extended on use once fewer than 4 remain) and, however
 * busy, 12 hours after sign-in: staff sign in each working day, and a shared staff-room PC
 * left signed in does not stay so.
 */
export const sessionLifetimeMs = 8 * hour;
const renewWithinMs = 4 * hour;
/** The longest a session lives, however often it is used. */
export const sessionMaxAgeMs = 12 * hour;

/** A fresh session token: 20 random bytes, base32 lower-case, no padding (the Lucia guide). */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored session id: hex(sha256(token)); a database leak yields no usable token. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Creates and stores a session for a user; returns the token for the cookie. */
export async function createSession(
  sessions: SessionStore,
  user: UserRecord,
  meta: { ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; session: SessionRecord }> {
  const token = generateSessionToken();
  const session: SessionRecord = {
    id: sessionIdFromToken(token),
    userId: user.id,
    createdAt: meta.now,
    expiresAt: new Date(meta.now.getTime() + sessionLifetimeMs),
    ip: meta.ip,
    userAgent: meta.userAgent === null ? null : meta.userAgent.slice(0, 256),
  };
  await sessions.create(session);
  return { token, session };
}

/**
 * Validates a token: unknown, expired or disabled-user sessions are invalid (expired ones
 * are deleted); a session in the second half of its life is extended.
 */
export async function validateSessionToken(
  stores: { sessions: SessionStore; users: UserStore },
  token: string,
  now: Date,
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await stores.sessions.find(id);
  if (session === undefined) return null;
  if (
    now.getTime() >= session.expiresAt.getTime() ||
    now.getTime() >= session.createdAt.getTime() + sessionMaxAgeMs
  ) {
    await stores.sessions.delete(id);
    return null;
  }
  const user = await stores.users.findById(session.userId);
  if (user === undefined || user.disabled) return null;
  const cap = session.createdAt.getTime() + sessionMaxAgeMs;
  if (now.getTime() >= session.expiresAt.getTime() - renewWithinMs) {
    const extended = Math.min(now.getTime() + sessionLifetimeMs, cap);
    if (extended > session.expiresAt.getTime()) {
      session.expiresAt = new Date(extended);
      await stores.sessions.extend(id, session.expiresAt);
    }
  }
  return { session, user };
}

/** Localhost is plain HTTP in development; everywhere else the cookie is Secure. */
function isLocalhost(c: Context): boolean {
  const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** Reads the session token from the cookie. */
export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookie);
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless localhost. */
export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: !isLocalhost(c),
    expires: expiresAt,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLocalhost(c),
  });
}
