import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { UserRecord } from '../deps';
import { attemptKeys } from '../login-limiter';
import { checkPassword } from '../password';
import { ApiError } from '../problem';
import {
  idParamSchema,
  jsonBody,
  jsonResponse,
  okSchema,
  problemResponses,
} from '../schemas/common';
import {
  createUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  userDetailSchema,
  type UserDetail,
} from '../schemas/users';

const admin = { roles: ['admin'] } as const;
const tags = ['users'];

const list = defineRoute(admin, {
  method: 'get',
  path: '/',
  tags,
  summary: 'List staff accounts',
  responses: { 200: jsonResponse(z.array(userDetailSchema), 'Accounts'), ...problemResponses },
});
const create = defineRoute(admin, {
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a staff account',
  request: { body: jsonBody(createUserSchema) },
  responses: {
    201: jsonResponse(userDetailSchema, 'Created'),
    ...problemResponses,
    409: problemResponses[400],
    422: problemResponses[400],
  },
});
const get = defineRoute(admin, {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One staff account',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(userDetailSchema, 'Account'), ...problemResponses },
});
const update = defineRoute(admin, {
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Change role, school, name or disable',
  request: { params: idParamSchema, body: jsonBody(updateUserSchema) },
  responses: {
    200: jsonResponse(userDetailSchema, 'Updated'),
    ...problemResponses,
    409: problemResponses[400],
  },
});
const resetPassword = defineRoute(admin, {
  method: 'post',
  path: '/{id}/password',
  tags,
  summary: "Reset a user's password (ends their sessions)",
  request: { params: idParamSchema, body: jsonBody(resetPasswordSchema) },
  responses: {
    200: jsonResponse(okSchema, 'Reset'),
    ...problemResponses,
    422: problemResponses[400],
  },
});

/** The admin's view of an account (never the hash). */
function toDetail(user: UserRecord): UserDetail {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    school: user.school,
    displayName: user.displayName,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

/** Throws 422 `weak_password` with the policy's reasons. */
function assertPolicy(username: string, password: string): void {
  const problems = checkPassword(username, password);
  if (problems.length > 0) {
    throw new ApiError(422, 'weak_password', 'The password does not meet the policy.', {
      errors: problems.map((code) => ({ path: '/password', message: code })),
    });
  }
}

/** Teachers are scoped to one school: a teacher without one could see nothing useful. */
function assertSchool(role: string, school: string | null | undefined): void {
  if (role === 'teacher' && (school === null || school === undefined)) {
    throw new ApiError(400, 'school_required', 'A teacher needs a school.', {
      errors: [{ path: '/school', message: 'required for teachers' }],
    });
  }
}

/** Staff accounts: admin only. */
export function userRoutes(ctx: AppContext) {
  const { deps, hasher } = ctx;
  async function findOr404(id: string): Promise<UserRecord> {
    const user = await deps.users.findById(id);
    if (user === undefined) throw new ApiError(404, 'not_found', 'No such user.');
    return user;
  }

  return createRouter()
    .openapi(list, async function listUsers(c) {
      return c.json((await deps.users.list()).map(toDetail), 200);
    })
    .openapi(create, async function createUser(c) {
      const body = c.req.valid('json');
      assertPolicy(body.username, body.password);
      assertSchool(body.role, body.school);
      if ((await deps.users.findByUsername(body.username)) !== undefined)
        throw new ApiError(409, 'duplicate', 'That username is taken.');
      const user = await deps.users
        .create({
          username: body.username,
          passwordHash: await hasher.hash(body.password),
          role: body.role,
          school: body.school ?? null,
          displayName: body.displayName ?? body.username,
        })
        .catch((error: unknown) => {
          if ((error as { code?: unknown } | null)?.code === 'duplicate')
            throw new ApiError(409, 'duplicate', 'That username is taken.');
          throw error;
        });
      await audit(
        c,
        'user.create',
        { type: 'user', id: user.id },
        { role: user.role, school: user.school },
      );
      return c.json(toDetail(user), 201);
    })
    .openapi(get, async function getUser(c) {
      return c.json(toDetail(await findOr404(c.req.valid('param').id)), 200);
    })
    .openapi(update, async function updateUser(c) {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const current = await findOr404(id);
      const self = c.get('user');
      if (
        self?.id === id &&
        (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))
      ) {
        throw new ApiError(
          409,
          'self_lockout',
          'You cannot disable yourself or drop your own admin role.',
        );
      }
      assertSchool(
        patch.role ?? current.role,
        patch.school === undefined ? current.school : patch.school,
      );
      const changes: Parameters<typeof deps.users.update>[1] = {};
      if (patch.role !== undefined) changes.role = patch.role;
      if (patch.school !== undefined) changes.school = patch.school;
      if (patch.displayName !== undefined) changes.displayName = patch.displayName;
      if (patch.disabled !== undefined) changes.disabled = patch.disabled;
      const updated = await deps.users.update(id, changes);
      if (updated === undefined) throw new ApiError(404, 'not_found', 'No such user.');
      if (patch.disabled === true || patch.role !== undefined)
        await deps.sessions.deleteForUser(id);
      await audit(c, 'user.update', { type: 'user', id }, { fields: Object.keys(changes) });
      return c.json(toDetail(updated), 200);
    })
    .openapi(resetPassword, async function resetUserPassword(c) {
      const { id } = c.req.valid('param');
      const user = await findOr404(id);
      const { password } = c.req.valid('json');
      assertPolicy(user.username, password);
      await deps.users.update(id, { passwordHash: await hasher.hash(password) });
      await deps.sessions.deleteForUser(id);
      await deps.loginAttempts.clear(attemptKeys(user.username, null).account);
      await audit(c, 'user.password_reset', { type: 'user', id });
      return c.json({ ok: true as const }, 200);
    });
}
