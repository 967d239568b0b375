import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { usernamesOf } from './audit';
import { requireDeclaredPurposes, requireNoApproval, requirePublishable } from './rule-set-gate';
import {
  draftParams,
  notFound,
  ruleSetEditors as edit,
  ruleSetReaders as read,
  setParams,
  versionResult,
  withApprovalNames,
} from './rule-set-params';
import { jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import {
  documentBodySchema,
  documentResponseSchema,
  publishBodySchema,
  rollbackBodySchema,
  ruleSetDiffSchema,
  ruleSetSummarySchema,
  testCaseResultSchema,
  validationResultSchema,
  versionSummarySchema,
} from '../schemas/rule-sets';
import { languageQuerySchema, requestLanguage } from '../language';

const tags = ['rule-sets'];
const versionParams = setParams.extend({
  v: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'v', in: 'path' } }),
});
const conflict = { 409: problemResponses[400], 422: problemResponses[400] };

const routes = {
  list: defineRoute(
    { roles: [...read.roles, 'admin'] },
    {
      method: 'get',
      path: '/',
      tags,
      summary: 'Rule sets with published version and drafts',
      responses: {
        200: jsonResponse(z.array(ruleSetSummarySchema), 'Rule sets'),
        ...problemResponses,
      },
    },
  ),
  versions: defineRoute(read, {
    method: 'get',
    path: '/{id}/versions',
    tags,
    summary: 'Published versions (history)',
    request: { params: setParams },
    responses: {
      200: jsonResponse(z.array(versionSummarySchema), 'Versions'),
      ...problemResponses,
    },
  }),
  version: defineRoute(read, {
    method: 'get',
    path: '/{id}/versions/{v}',
    tags,
    summary: 'One immutable version',
    request: { params: versionParams },
    responses: { 200: jsonResponse(documentResponseSchema, 'Version'), ...problemResponses },
  }),
  draft: defineRoute(read, {
    method: 'get',
    path: '/{id}/drafts/{draftId}',
    tags,
    summary: 'One draft',
    request: { params: draftParams },
    responses: { 200: jsonResponse(documentResponseSchema, 'Draft'), ...problemResponses },
  }),
  draftDiff: defineRoute(read, {
    method: 'get',
    path: '/{id}/drafts/{draftId}/diff',
    tags,
    summary: 'Readable diff from the published version to a draft (what an approver reviews)',
    request: { params: draftParams, query: languageQuerySchema },
    responses: { 200: jsonResponse(ruleSetDiffSchema, 'Diff'), ...problemResponses },
  }),
  createDraft: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts',
    tags,
    summary: 'Start a draft',
    request: { params: setParams, body: jsonBody(documentBodySchema) },
    responses: {
      201: jsonResponse(z.object({ draftId: z.string() }), 'Created'),
      ...problemResponses,
    },
  }),
  saveDraft: defineRoute(edit, {
    method: 'put',
    path: '/{id}/drafts/{draftId}',
    tags,
    summary: 'Save a draft',
    request: { params: draftParams, body: jsonBody(documentBodySchema) },
    responses: {
      200: jsonResponse(z.object({ ok: z.literal(true) }), 'Saved'),
      ...problemResponses,
      ...conflict,
    },
  }),
  validate: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/validate',
    tags,
    summary: 'Validate a draft (JSON-pointer errors)',
    request: { params: draftParams },
    responses: { 200: jsonResponse(validationResultSchema, 'Validation'), ...problemResponses },
  }),
  test: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/test',
    tags,
    summary: "Run the rule set's test cases",
    request: { params: draftParams },
    responses: {
      200: jsonResponse(z.object({ cases: z.array(testCaseResultSchema) }), 'Test results'),
      ...problemResponses,
    },
  }),
  publish: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/publish',
    tags,
    summary: 'Publish a valid, passing draft as a new immutable version',
    request: { params: draftParams, body: jsonBody(publishBodySchema) },
    responses: { 200: jsonResponse(versionResult, 'Published'), ...problemResponses, ...conflict },
  }),
  diff: defineRoute(read, {
    method: 'get',
    path: '/{id}/diff',
    tags,
    summary: 'Readable diff between two versions',
    request: {
      params: setParams,
      query: languageQuerySchema.extend({
        from: z.coerce.number().int().min(1).max(1_000_000),
        to: z.coerce.number().int().min(1).max(1_000_000),
      }),
    },
    responses: { 200: jsonResponse(ruleSetDiffSchema, 'Diff'), ...problemResponses },
  }),
  rollback: defineRoute(edit, {
    method: 'post',
    path: '/{id}/rollback',
    tags,
    summary: 'Publish an old version again',
    request: { params: setParams, body: jsonBody(rollbackBodySchema) },
    responses: { 200: jsonResponse(versionResult, 'Published'), ...problemResponses, ...conflict },
  }),
};

/** Rule sets: drafts, validation, tests, publish, history, diff, rollback. */
export function ruleSetRoutes(ctx: AppContext) {
  const { deps } = ctx;
  async function draftOr404(id: string, draftId: string) {
    return (await deps.ruleSets.draft(id, draftId)) ?? notFound('draft');
  }

  return createRouter()
    .openapi(routes.list, async function listRuleSets(c) {
      const sets = await deps.ruleSets.list();
      const named = await Promise.all(
        sets.map(async (set) => ({
          ...set,
          approvals: await withApprovalNames(deps.users, set.approvals),
        })),
      );
      return c.json(named, 200);
    })
    .openapi(routes.versions, async function listVersions(c) {
      const versions =
        (await deps.ruleSets.versions(c.req.valid('param').id)) ?? notFound('rule set');
      const names = await usernamesOf(
        deps.users,
        versions.flatMap((v) => [v.publishedBy, v.approvedBy]),
      );
      return c.json(
        versions.map((v) => ({
          ...v,
          ...(v.publishedBy === undefined
            ? {}
            : { publishedByName: names.get(v.publishedBy) ?? null }),
          ...(v.approvedBy === undefined
            ? {}
            : { approvedByName: names.get(v.approvedBy) ?? null }),
        })),
        200,
      );
    })
    .openapi(routes.version, async function getVersion(c) {
      const { id, v } = c.req.valid('param');
      return c.json({ document: (await deps.ruleSets.version(id, v)) ?? notFound('version') }, 200);
    })
    .openapi(routes.draft, async function getDraft(c) {
      const { id, draftId } = c.req.valid('param');
      return c.json({ document: await draftOr404(id, draftId) }, 200);
    })
    .openapi(routes.draftDiff, async function diffDraft(c) {
      const { id, draftId } = c.req.valid('param');
      const draft = await draftOr404(id, draftId);
      const current = (await deps.ruleSets.list()).find((s) => s.id === id)?.current;
      const published = current ? await deps.ruleSets.version(id, current.version) : undefined;
      const lang = requestLanguage(c, c.req.valid('query').lang);
      return c.json(deps.engine.diff(published ?? {}, draft, lang), 200);
    })
    .openapi(routes.createDraft, async function createDraft(c) {
      const { id } = c.req.valid('param');
      const created =
        (await deps.ruleSets.createDraft(
          id,
          c.req.valid('json').document,
          c.get('user')?.id ?? '',
        )) ?? notFound('rule set');
      await audit(
        c,
        'rule_set.draft.create',
        { type: 'rule_set', id },
        { draftId: created.draftId },
      );
      return c.json(created, 201);
    })
    .openapi(routes.saveDraft, async function saveDraft(c) {
      const { id, draftId } = c.req.valid('param');
      const saved =
        (await deps.ruleSets.updateDraft(
          id,
          draftId,
          c.req.valid('json').document,
          c.get('user')?.id ?? '',
        )) ?? notFound('draft');
      await audit(c, 'rule_set.draft.update', { type: 'rule_set', id }, { draftId });
      // The request was for the document as it was: the edit withdraws it.
      if (saved.cancelledApproval !== null) {
        await audit(
          c,
          'rule_set.approval.cancel',
          { type: 'rule_set', id },
          { draftId, requestId: saved.cancelledApproval, why: 'draft_saved' },
        );
      }
      return c.json({ ok: true as const }, 200);
    })
    .openapi(routes.validate, async function validateDraft(c) {
      const { id, draftId } = c.req.valid('param');
      return c.json(deps.engine.validate(await draftOr404(id, draftId)), 200);
    })
    .openapi(routes.test, async function testDraft(c) {
      const { id, draftId } = c.req.valid('param');
      return c.json({ cases: await deps.engine.test(id, await draftOr404(id, draftId)) }, 200);
    })
    .openapi(routes.publish, async function publishDraft(c) {
      const { id, draftId } = c.req.valid('param');
      const document = await draftOr404(id, draftId);
      await requireNoApproval(ctx, id);
      await requirePublishable(ctx, id, document);
      const { note } = c.req.valid('json');
      const published =
        (await deps.ruleSets.publish(id, draftId, note, c.get('user')?.id ?? '')) ??
        notFound('draft');
      await audit(
        c,
        'rule_set.publish',
        { type: 'rule_set', id },
        { draftId, version: published.version },
      );
      return c.json(published, 200);
    })
    .openapi(routes.diff, async function diffVersions(c) {
      const { id } = c.req.valid('param');
      const { from, to, lang } = c.req.valid('query');
      const [a, b] = await Promise.all([
        deps.ruleSets.version(id, from),
        deps.ruleSets.version(id, to),
      ]);
      if (a === undefined || b === undefined) notFound('version');
      return c.json(deps.engine.diff(a, b, requestLanguage(c, lang)), 200);
    })
    .openapi(routes.rollback, async function rollback(c) {
      const { id } = c.req.valid('param');
      const { version, note } = c.req.valid('json');
      await requireNoApproval(ctx, id);
      await requireDeclaredPurposes(
        ctx,
        (await deps.ruleSets.version(id, version)) ?? notFound('version'),
      );
      const published =
        (await deps.ruleSets.republish(id, version, note, c.get('user')?.id ?? '')) ??
        notFound('version');
      await audit(
        c,
        'rule_set.rollback',
        { type: 'rule_set', id },
        { from: version, version: published.version },
      );
      return c.json(published, 200);
    });
}
