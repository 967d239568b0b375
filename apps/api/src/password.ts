import { hash, verify } from '@node-rs/argon2';

/** argon2id cost (OWASP minimum: m=19456 KiB, t=2, p=1). */
export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
}

/** Production cost; tests may pass a cheaper one to `createApp`. */
export const defaultPasswordCost: PasswordCost = { memoryCost: 19456, timeCost: 2 };

/** Hashes and verifies passwords with argon2id. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/**
 * argon2id via @node-rs/argon2 (its default algorithm), one thread.
 * @example const hasher = createPasswordHasher(); await hasher.hash('correct horse battery');
 */
export function createPasswordHasher(cost: PasswordCost = defaultPasswordCost): PasswordHasher {
  const options = {
    memoryCost: cost.memoryCost,
    timeCost: cost.timeCost,
    parallelism: 1,
    outputLen: 32,
  };
  return {
    hash: function hashPassword(password) {
      return hash(password, options);
    },
    verify: async function verifyPassword(hashed, password) {
      try {
        return await verify(hashed, password);
      } catch {
        // A malformed stored hash verifies nothing; it is not the caller's fault.
        return false;
      }
    },
  };
}

/** A few of the most common passwords of 12+ characters (NCSC / HIBP top lists). */
const commonPasswords = new Set([
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'password1234',
  'passwordpassword',
  'password123456',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123456789',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'mimamori1234',
  'qwertyqwerty',
  '1q2w3e4r5t6y',
  'asdfghjklqwe',
  'zaq12wsxcde3',
]);

/** Why a password is refused (stable codes the UI translates). */
export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'too_common';

/**
 * Password policy: at least 12 characters, at most 256, not the username, not a common one.
 * @example checkPassword('alice', 'alice') // ['too_short', 'same_as_username']
 */
export function checkPassword(username: string, password: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < 12) problems.push('too_short');
  if (length > 256) problems.push('too_long');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase()) && username.length >= 3)
    problems.push('same_as_username');
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password)) problems.push('too_common');
  return problems;
}
