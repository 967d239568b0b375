import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { renderInventoryHtml, renderInventoryMarkdown } from '@mimamori/mapping';
import { defineRoute } from '../access';
import { createRouter, type AppContext } from '../context';
import { roles } from '../roles';
import { jsonResponse, problemResponses } from '../schemas/common';
import { inventorySchema } from '../schemas/sources';

const tags = ['inventory'];
/** What a municipality publishes to residents: every signed-in role may read it. */
const everyone = { roles } as const;

const inventory = defineRoute(everyone, {
  method: 'get',
  path: '/inventory',
  tags,
  summary: 'Data inventory: every source, item, purpose, legal basis, retention and rule using it',
  responses: { 200: jsonResponse(inventorySchema, 'Inventory'), ...problemResponses },
});
const document = defineRoute(everyone, {
  method: 'get',
  path: '/inventory/document',
  tags,
  summary: 'The data inventory as a printable Japanese document (Markdown or HTML)',
  request: { query: z.object({ format: z.enum(['md', 'html']).default('html') }) },
  responses: {
    200: {
      description: 'The document',
      content: {
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
      },
    },
    ...problemResponses,
  },
});

/** A CSP for the printable page: no scripts, only its own inline stylesheet (by hash). */
function documentPolicy(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `style-src ${styles.length === 0 ? "'none'" : styles.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The data inventory, generated from the connectors' declarations (issue 8). */
export function inventoryRoutes(ctx: AppContext) {
  const deps = ctx.deps;
  return createRouter()
    .openapi(inventory, async function getInventory(c) {
      const built = await deps.inventory.build();
      return c.json(
        {
          sources: built.sources.map((s) => ({
            ...s,
            personalColumns: [...s.personalColumns],
            items: s.items.map((i) => ({ ...i, usedBy: [...i.usedBy] })),
          })),
          unusedFacts: [...built.unusedFacts],
          factsWithoutPurpose: built.factsWithoutPurpose.map((f) => ({
            factId: f.factId,
            missing: [...f.missing],
          })),
        },
        200,
      );
    })
    .openapi(document, async function inventoryDocument(c) {
      const built = await deps.inventory.build();
      const { format } = c.req.valid('query');
      const headers = {
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="data-inventory.${format}"`,
      };
      if (format === 'md') {
        return c.body(renderInventoryMarkdown(built), 200, {
          ...headers,
          'content-type': 'text/markdown; charset=utf-8',
        });
      }
      const html = renderInventoryHtml(built);
      // Set on the context (not the response) so the app's default policy leaves it alone.
      c.header('content-security-policy', documentPolicy(html));
      return c.body(html, 200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    });
}
