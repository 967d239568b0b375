import type { LoginAttemptStore } from './deps';
import { ApiError } from './problem';

/** Lockout policy: failures per account and per address within a sliding window. */
export interface LoginLimits {
  accountFailures: number;
  addressFailures: number;
  windowMs: number;
}

/** 5 failures lock an account, 20 an address, for 15 minutes. */
export const defaultLoginLimits: LoginLimits = {
  accountFailures: 5,
  addressFailures: 20,
  windowMs: 15 * 60 * 1000,
};

/** Rate-limit keys for one attempt (unknown usernames are limited the same way). */
export function attemptKeys(
  username: string,
  ip: string | null,
): { account: string; address: string | null } {
  return {
    account: `account:${username.normalize('NFKC').toLowerCase()}`,
    address: ip === null ? null : `address:${ip}`,
  };
}

/** Throws 429 `login_locked` when the account or address has failed too often. */
export async function assertLoginAllowed(
  store: LoginAttemptStore,
  keys: { account: string; address: string | null },
  limits: LoginLimits,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - limits.windowMs);
  const retryAfter = { 'retry-after': String(Math.ceil(limits.windowMs / 1000)) };
  if ((await store.countSince(keys.account, since)) >= limits.accountFailures) {
    throw new ApiError(
      429,
      'login_locked',
      'Too many failed sign-ins for this account; try again later.',
      { headers: retryAfter },
    );
  }
  if (
    keys.address !== null &&
    (await store.countSince(keys.address, since)) >= limits.addressFailures
  ) {
    throw new ApiError(
      429,
      'login_rate_limited',
      'Too many failed sign-ins from this address; try again later.',
      { headers: retryAfter },
    );
  }
}

/** Records one failure against the account and the address. */
export async function recordLoginFailure(
  store: LoginAttemptStore,
  keys: { account: string; address: string | null },
  now: Date,
): Promise<void> {
  await store.record(keys.account, now);
  if (keys.address !== null) await store.record(keys.address, now);
}
