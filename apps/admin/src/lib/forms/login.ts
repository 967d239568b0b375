/** The sign-in form: both fields are needed (the API answers the same for any wrong pair). */
import { z } from 'zod';
import { formMessages, requiredText } from './fields';

export const loginSchema = z.object({
  username: requiredText(128),
  // Passwords are taken exactly as typed.
  password: z.string().min(1, formMessages.required).max(256, formMessages.tooLong),
});
export type LoginForm = z.infer<typeof loginSchema>;
