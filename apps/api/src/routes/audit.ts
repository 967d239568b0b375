import { defineRoute } from '../access';
import { createRouter, type AppContext } from '../context';
import { pagedResponse, problemResponses } from '../schemas/common';
import { auditEntrySchema, auditQuerySchema } from '../schemas/data';

const list = defineRoute(
  { roles: ['admin'] },
  {
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: 'The audit log, newest first, paged',
    request: { query: auditQuerySchema },
    responses: { 200: pagedResponse(auditEntrySchema, 'Entries'), ...problemResponses },
  },
);

/** Reading the audit log (admin only; the log itself is append-only). */
export function auditRoutes(ctx: AppContext) {
  return createRouter().openapi(list, async function listAudit(c) {
    const query = c.req.valid('query');
    const page = await ctx.deps.audit.list(query);
    c.header('x-total-count', String(page.total));
    return c.json(page.items, 200);
  });
}
