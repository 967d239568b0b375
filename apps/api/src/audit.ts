import type { Context } from 'hono';
import type { ApiEnv } from './env';
import { ApiError } from './problem';

/** What was touched: `{ type: 'child', id }`. */
export interface AuditTarget {
  type: string;
  id: string | null;
}

/**
 * Appends who (the session user), when (the store's clock), what and from where (the
 * client address) to the hash-chained audit log. Details carry ids and counts, never
 * personal data or request bodies.
 * @example await audit(c, 'personal.read', { type: 'child', id });
 */
export async function audit(
  c: Context<ApiEnv>,
  action: string,
  target: AuditTarget | null = null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const user = c.get('user');
  await c.get('deps').audit.append({
    actorId: user?.id ?? null,
    actorRole: user?.role ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    ip: c.get('ip'),
    details,
  });
}

/** Who acts, for `@mimamori/casework`: the session user's id and role and the client address. */
export interface Actor {
  id: string;
  role: string;
  ip: string | null;
}

/** The signed-in caller as an {@link Actor} (access control has already refused anonymous calls). */
export function actorOf(c: Context<ApiEnv>): Actor {
  const user = c.get('user');
  if (user === null) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return { id: user.id, role: user.role, ip: c.get('ip') };
}
