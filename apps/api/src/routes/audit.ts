import { defineRoute } from '../access';
import { createRouter, type AppContext } from '../context';
import type { UserStore } from '../deps';
import { pagedResponse, problemResponses } from '../schemas/common';
import { auditEntryViewSchema, auditQuerySchema } from '../schemas/data';

const list = defineRoute(
  { roles: ['admin'] },
  {
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: 'The audit log, newest first, paged',
    request: { query: auditQuerySchema },
    responses: { 200: pagedResponse(auditEntryViewSchema, 'Entries'), ...problemResponses },
  },
);

/**
 * Usernames for user ids (a page of entries names a handful of people). Ids that are not
 * accounts (`anonymous`, the system's own actions) map to null.
 */
export async function usernamesOf(
  users: Pick<UserStore, 'findById'>,
  ids: Iterable<string | undefined>,
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (const id of new Set(ids)) {
    if (id === undefined) continue;
    names.set(id, id === 'anonymous' ? null : ((await users.findById(id))?.username ?? null));
  }
  return names;
}

/** Reading the audit log (admin only; the log itself is append-only). */
export function auditRoutes(ctx: AppContext) {
  return createRouter().openapi(list, async function listAudit(c) {
    const query = c.req.valid('query');
    const page = await ctx.deps.audit.list(query);
    const names = await usernamesOf(
      ctx.deps.users,
      page.items.map((entry) => entry.actor),
    );
    c.header('x-total-count', String(page.total));
    return c.json(
      page.items.map((entry) => ({ ...entry, actorName: names.get(entry.actor) ?? null })),
      200,
    );
  });
}
