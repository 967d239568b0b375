import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { ApiEnv } from '../env';
import { ApiError } from '../problem';
import {
  childDetailSchema,
  childExplanationSchema,
  childFilterSchema,
  childSummarySchema,
  personalDataSchema,
} from '../schemas/children';
import { idParamSchema, jsonResponse, pagedResponse, problemResponses } from '../schemas/common';

const tags = ['children'];
/** Pseudonymous data: the center, rule editors, and teachers for their own school's flagged children. */
const pseudonymous = {
  roles: ['family_center', 'rule_editor', 'teacher'],
  scope: 'own-school',
} as const;

const list = defineRoute(pseudonymous, {
  method: 'get',
  path: '/',
  tags,
  summary:
    'Pseudonymous children with latest levels (teachers: own school, flagged after overrides)',
  request: { query: childFilterSchema },
  responses: { 200: pagedResponse(childSummarySchema, 'Children'), ...problemResponses },
});
const get = defineRoute(pseudonymous, {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One pseudonymous child with facts',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(childDetailSchema, 'Child'), ...problemResponses },
});
const explanation = defineRoute(pseudonymous, {
  method: 'get',
  path: '/{id}/explanation',
  tags,
  summary: 'Why the child scored what it scored (latest run)',
  request: {
    params: idParamSchema,
    query: z.object({
      runId: z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional(),
    }),
  },
  responses: { 200: jsonResponse(childExplanationSchema, 'Explanation'), ...problemResponses },
});
const personal = defineRoute(
  { roles: ['family_center'] },
  {
    method: 'get',
    path: '/{id}/personal',
    tags,
    summary: "A child's personal data (audited; DV support hides the address)",
    request: { params: idParamSchema },
    responses: { 200: jsonResponse(personalDataSchema, 'Personal data'), ...problemResponses },
  },
);

/** Facts a school holds itself: what a teacher may see of a child (other offices' stay out). */
const schoolFact = (id: string) => id.startsWith('school.');

/** The leaves' facts of an explained condition tree. */
function factsIn(node: unknown, into: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return into;
  const { fact, children } = node as { fact?: unknown; children?: unknown };
  if (typeof fact === 'string') into.push(fact);
  if (Array.isArray(children)) for (const child of children) factsIn(child, into);
  return into;
}

/** Children: pseudonymous lists and explanations; personal data for the family center only. */
export function childRoutes(ctx: AppContext) {
  const { deps } = ctx;
  /** Loads a child the caller may see, or answers 404 (never 403: ids do not leak). */
  async function visibleChild(c: Context<ApiEnv>, id: string) {
    const child = await deps.children.get(id);
    const user = c.get('user');
    if (child === undefined) throw new ApiError(404, 'not_found', 'No such child.');
    if (
      user?.role === 'teacher' &&
      (child.school === null ||
        child.school !== user.school ||
        !(await deps.children.isFlagged(id)))
    ) {
      throw new ApiError(404, 'not_found', 'No such child.');
    }
    return child;
  }

  /** A list of children with their levels is a read of each one: audited with the ids shown. */
  async function auditList(c: Context<ApiEnv>, items: readonly { id: string }[]) {
    await audit(c, 'child.list', { type: 'child', id: null }, { ids: items.map((i) => i.id) });
  }

  return createRouter()
    .openapi(list, async function listChildren(c) {
      const query = c.req.valid('query');
      const user = c.get('user');
      if (user?.role === 'teacher') {
        if (user.school === null || (query.school !== undefined && query.school !== user.school)) {
          c.header('x-total-count', '0');
          return c.json([], 200);
        }
        const page = await deps.children.list({ ...query, school: user.school, flaggedOnly: true });
        await auditList(c, page.items);
        c.header('x-total-count', String(page.total));
        return c.json(page.items, 200);
      }
      const page = await deps.children.list(query);
      await auditList(c, page.items);
      c.header('x-total-count', String(page.total));
      return c.json(page.items, 200);
    })
    .openapi(get, async function getChild(c) {
      const { id } = c.req.valid('param');
      const child = await visibleChild(c, id);
      await audit(c, 'child.read', { type: 'child', id });
      if (c.get('user')?.role !== 'teacher') return c.json(child, 200);
      // A teacher sees the school's own facts; what welfare or health know reaches the school
      // only through the sheet the center chooses to share.
      const facts = Object.fromEntries(Object.entries(child.facts).filter(([k]) => schoolFact(k)));
      return c.json({ ...child, facts }, 200);
    })
    .openapi(explanation, async function explainChild(c) {
      const { id } = c.req.valid('param');
      await visibleChild(c, id);
      const result = await deps.children.explanation(id, c.req.valid('query').runId);
      if (result === undefined)
        throw new ApiError(404, 'not_found', 'No judgement for this child yet.');
      await audit(c, 'child.explanation.read', { type: 'child', id });
      if (c.get('user')?.role !== 'teacher') return c.json(result, 200);
      // Teachers: only rules that rest on the school's own facts (see getChild).
      const rules = result.rules.filter((rule) => factsIn(rule.conditions).every(schoolFact));
      return c.json({ ...result, rules }, 200);
    })
    .openapi(personal, async function readPersonalData(c) {
      const { id } = c.req.valid('param');
      const record = await deps.personal.get(id);
      if (record === undefined) throw new ApiError(404, 'not_found', 'No such child.');
      await audit(c, 'personal.read', { type: 'child', id }, { addressHidden: record.dvSupport });
      const { dvSupport, ...rest } = record;
      return c.json(
        { ...rest, address: dvSupport ? null : rest.address, addressHidden: dvSupport },
        200,
      );
    });
}
