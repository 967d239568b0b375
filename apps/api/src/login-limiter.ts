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

/**
 * Throws 429 `login_locked` when the account or address has failed too often; otherwise claims
 * the attempt at the gate (in the same step as the check) and returns its release.
 */
export async function assertLoginAllowed(
  store: LoginAttemptStore,
  keys: { account: string; address: string | null },
  limits: LoginLimits,
  now: Date,
  gate: LoginGate,
): Promise<() => void> {
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
  const fromAddress = keys.address === null ? 0 : await store.countSince(keys.address, since);
  // Checked and claimed with no await in between: parallel attempts see each other.
  if (keys.address !== null && fromAddress + gate.pending(keys.address) >= limits.addressFailures) {
    throw new ApiError(
      429,
      'login_rate_limited',
      'Too many failed sign-ins from this address; try again later.',
      { headers: retryAfter },
    );
  }
  return gate.claim(keys.address);
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

/**
 * Makes the lockout hold under parallel sign-ins: attempts for one account run one after another
 * (the sixth wrong password of a burst sees the first five), and attempts still in progress count
 * against their address (a burst of guesses over many usernames cannot all pass the address
 * check before any failure is written). One per app; the database keeps the counts.
 */
export interface LoginGate {
  /** Runs one attempt; attempts for the same account key wait for each other. */
  run<T>(account: string, work: () => Promise<T>): Promise<T>;
  /** Attempts from `address` in progress. */
  pending(address: string | null): number;
  /** Counts an attempt from `address` as in progress until the returned release is called. */
  claim(address: string | null): () => void;
}

/** A {@link LoginGate} for one process. */
export function createLoginGate(): LoginGate {
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Map<string, number>();
  return {
    async run(account, work) {
      const previous = tails.get(account) ?? Promise.resolve();
      let release = (): void => undefined;
      const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
      tails.set(account, tail);
      await previous;
      try {
        return await work();
      } finally {
        release();
        if (tails.get(account) === tail) tails.delete(account);
      }
    },
    pending: (address) => (address === null ? 0 : (inFlight.get(address) ?? 0)),
    claim(address) {
      if (address === null) return () => undefined;
      inFlight.set(address, (inFlight.get(address) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(address) ?? 1) - 1;
        if (left <= 0) inFlight.delete(address);
        else inFlight.set(address, left);
      };
    },
  };
}
