import { z } from '@hono/zod-openapi';
import { roleSchema } from '../roles';

/** School code (teachers are scoped to one school). */
export const schoolSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The signed-in user as the UI sees it. */
export const sessionUserSchema = z
  .object({ id: z.string(), username: z.string(), role: roleSchema, school: z.string().nullable() })
  .openapi('User');
/** One signed-in user. */
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** A staff account as an admin sees it (never the password hash). */
export const userDetailSchema = sessionUserSchema
  .extend({ displayName: z.string(), disabled: z.boolean(), createdAt: z.string() })
  .openapi('UserDetail');
/** One staff account. */
export type UserDetail = z.infer<typeof userDetailSchema>;

/** Login name: 3–64 of letters, digits, `._-`. */
export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
/** Password as typed (policy is checked separately, with reasons). */
export const passwordSchema = z.string().min(1).max(256);

/** POST /auth/login body. */
export const loginBodySchema = z
  .object({ username: z.string().min(1).max(128), password: passwordSchema })
  .openapi('LoginRequest');

/** POST /users body. */
export const createUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    role: roleSchema,
    school: schoolSchema.nullable().optional(),
    displayName: z.string().min(1).max(100).optional(),
  })
  .openapi('CreateUser');

/** PATCH /users/{id} body. */
export const updateUserSchema = z
  .object({
    role: roleSchema.optional(),
    school: schoolSchema.nullable().optional(),
    displayName: z.string().min(1).max(100).optional(),
    disabled: z.boolean().optional(),
  })
  .openapi('UpdateUser');

/** POST /users/{id}/password body. */
export const resetPasswordSchema = z.object({ password: passwordSchema }).openapi('ResetPassword');
