import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { actorOf, audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import {
  jsonBody,
  jsonResponse,
  okSchema,
  pagedResponse,
  pagingQuerySchema,
  problemResponses,
} from '../schemas/common';
import {
  connectorSummarySchema,
  gaijiEntrySchema,
  identityKeyParamSchema,
  linkageDecisionRecordSchema,
  linkageDecisionSchema,
  linkageReviewItemSchema,
} from '../schemas/data';

const it = { roles: ['it'] } as const;
/** A source record id: `<batch id>:<row>`. */
const recordParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9_-]+(:[0-9]+)?$/, 'expected a record id (batch:row)')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const connectors = defineRoute(
  { roles: ['it', 'rule_editor'] },
  {
    method: 'get',
    path: '/connectors',
    tags: ['connectors'],
    summary: 'Connectors with their fields and facts',
    responses: {
      200: jsonResponse(z.array(connectorSummarySchema), 'Connectors'),
      ...problemResponses,
    },
  },
);
const gaijiList = defineRoute(it, {
  method: 'get',
  path: '/gaiji',
  tags: ['gaiji'],
  summary: 'The 外字 table',
  responses: { 200: jsonResponse(z.array(gaijiEntrySchema), 'Entries'), ...problemResponses },
});
const gaijiPut = defineRoute(it, {
  method: 'put',
  path: '/gaiji',
  tags: ['gaiji'],
  summary: 'Add or change 外字 entries (every version kept)',
  request: { body: jsonBody(z.array(gaijiEntrySchema).max(5000)) },
  responses: {
    200: jsonResponse(z.array(gaijiEntrySchema), 'The whole table'),
    ...problemResponses,
  },
});
// The linkage routes answer personal data (the record's and the candidates' names, kana, birth
// dates): IT staff who review linkage only, and every read is audited with ids only.
const reviewQueue = defineRoute(it, {
  method: 'get',
  path: '/linkage/review',
  tags: ['linkage'],
  summary:
    "Records awaiting a linkage decision (each source's latest file, newest first; audited: personal data)",
  request: { query: pagingQuerySchema },
  responses: { 200: pagedResponse(linkageReviewItemSchema, 'Queue'), ...problemResponses },
});
const reviewDecide = defineRoute(it, {
  method: 'post',
  path: '/linkage/review/{id}',
  tags: ['linkage'],
  summary: 'Decide: match to a child, a person not on the roster (new), or exclude (reject)',
  request: { params: recordParamSchema, body: jsonBody(linkageDecisionSchema) },
  responses: {
    200: jsonResponse(okSchema, 'Decided'),
    // `on_roster`: `new` for a person the roster lists (match or exclude instead).
    409: { ...problemResponses[400], description: 'The roster lists the person' },
    ...problemResponses,
  },
});
const decisionList = defineRoute(it, {
  method: 'get',
  path: '/linkage/decisions',
  tags: ['linkage'],
  summary: 'Staff linkage decisions, newest first (audited: personal data)',
  request: { query: pagingQuerySchema },
  responses: {
    200: pagedResponse(linkageDecisionRecordSchema, 'Decisions'),
    ...problemResponses,
  },
});
const decisionUndo = defineRoute(it, {
  method: 'delete',
  path: '/linkage/decisions/{identityKey}',
  tags: ['linkage'],
  summary: 'Undo a decision: its records link again automatically, or return to review',
  request: { params: identityKeyParamSchema },
  responses: { 200: jsonResponse(okSchema, 'Undone'), ...problemResponses },
});

/** IT's data pages: connectors, 外字 table, linkage review (no scores). */
export function dataRoutes(ctx: AppContext) {
  const { deps } = ctx;
  return createRouter()
    .openapi(connectors, async function listConnectors(c) {
      return c.json(await deps.imports.connectors(), 200);
    })
    .openapi(gaijiList, async function listGaiji(c) {
      return c.json(await deps.gaiji.list(), 200);
    })
    .openapi(gaijiPut, async function saveGaiji(c) {
      const entries = c.req.valid('json');
      const saved = await deps.gaiji.put(entries, c.get('user')?.id ?? '');
      await audit(c, 'gaiji.update', null, {
        codes: entries.map((e) => e.code).slice(0, 100),
        count: entries.length,
      });
      return c.json(saved, 200);
    })
    .openapi(reviewQueue, async function linkageQueue(c) {
      const page = await deps.linkage.queue(c.req.valid('query'));
      await audit(
        c,
        'linkage.review.read',
        { type: 'source_record', id: null },
        {
          records: page.items.map((i) => i.id),
          children: [...new Set(page.items.flatMap((i) => i.candidates.map((x) => x.childId)))],
        },
      );
      c.header('x-total-count', String(page.total));
      return c.json(page.items, 200);
    })
    .openapi(reviewDecide, async function decideLinkage(c) {
      const { id } = c.req.valid('param');
      const decision = c.req.valid('json');
      if (decision.decision === 'match' && decision.childId === undefined) {
        throw new ApiError(400, 'validation_failed', 'A match needs a childId.', {
          errors: [{ path: '/childId', message: 'required for match' }],
        });
      }
      // Audited inside the decision's transaction (`linkage.decide`), not after it.
      const done = await deps.linkage.decide(id, decision, actorOf(c));
      if (!done) throw new ApiError(404, 'not_found', 'No such review item.');
      return c.json({ ok: true as const }, 200);
    })
    .openapi(decisionList, async function linkageDecisions(c) {
      const page = await deps.linkage.decisions(c.req.valid('query'));
      await audit(
        c,
        'linkage.decisions.read',
        { type: 'link_decision', id: null },
        {
          decisions: page.items.map((d) => d.identityKey),
          records: page.items.flatMap((d) => (d.latest === null ? [] : [d.latest.id])),
        },
      );
      c.header('x-total-count', String(page.total));
      return c.json(page.items, 200);
    })
    .openapi(decisionUndo, async function undoLinkageDecision(c) {
      const { identityKey } = c.req.valid('param');
      // Audited inside the undo's transaction (`linkage.undo`), not after it.
      const done = await deps.linkage.undo(identityKey, actorOf(c));
      if (!done) throw new ApiError(404, 'not_found', 'No such decision.');
      return c.json({ ok: true as const }, 200);
    });
}
