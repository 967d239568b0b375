import { z } from '@hono/zod-openapi';

/** Staff roles. One list: the access table, the OpenAPI document and the UI read it. */
export const roles = ['admin', 'rule_editor', 'family_center', 'teacher', 'it'] as const;
/** One of {@link roles}. */
export type Role = (typeof roles)[number];
/** Zod schema of a role. */
export const roleSchema = z.enum(roles).openapi('Role');

/** True when `value` is a known role (stored roles are parsed, never trusted). */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
