import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { usernamesOf } from './audit';
import { ApiError } from '../problem';
import { idSchema, jsonBody, jsonResponse, problemResponses } from '../schemas/common';
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

const tags = ['rule-sets'];
const read = { roles: ['rule_editor', 'family_center'] } as const;
const edit = { roles: ['rule_editor'] } as const;
const param = (name: string) => idSchema.openapi({ param: { name, in: 'path' } });
const setParams = z.object({ id: param('id') });
const draftParams = z.object({ id: param('id'), draftId: param('draftId') });
const versionParams = z.object({
  id: param('id'),
  v: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'v', in: 'path' } }),
});
const versionResult = z.object({ version: z.number().int() });
const conflict = { 409: problemResponses[400], 422: problemResponses[400] };

const routes = {
  list: defineRoute(read, {
    method: 'get',
    path: '/',
    tags,
    summary: 'Rule sets with published version and drafts',
    responses: {
      200: jsonResponse(z.array(ruleSetSummarySchema), 'Rule sets'),
      ...problemResponses,
    },
  }),
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
      query: z.object({
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

/**
 * Refuses a rule set that reads a fact with no declared purpose of use, legal basis and retention
 * (or a fact no connector declares): what residents are told must stay true (issue 8).
 */
async function requireDeclaredPurposes(ctx: AppContext, document: unknown): Promise<void> {
  const problems = await ctx.deps.inventory.checkPublishable(document);
  if (problems.length === 0) return;
  const facts = [...new Set(problems.map((p) => p.factId))].sort();
  throw new ApiError(
    422,
    'undeclared_purpose',
    `These facts have no declared purpose of use, legal basis or retention: ${facts.join(', ')}. ` +
      `利用目的・法的根拠・保存期間が宣言されていない項目があります: ${facts.join('、')}`,
    {
      errors: problems.slice(0, 200).map((p) => ({
        path: `/rules/${p.ruleId}/facts/${p.factId}`,
        message: p.message,
        code: p.code,
        messageJa: p.messageJa,
      })),
    },
  );
}

function notFound(what: string): never {
  throw new ApiError(404, 'not_found', `No such ${what}.`);
}

/** Rule sets: drafts, validation, tests, publish, history, diff, rollback. */
export function ruleSetRoutes(ctx: AppContext) {
  const { deps } = ctx;
  async function draftOr404(id: string, draftId: string) {
    return (await deps.ruleSets.draft(id, draftId)) ?? notFound('draft');
  }

  return createRouter()
    .openapi(routes.list, async function listRuleSets(c) {
      return c.json(await deps.ruleSets.list(), 200);
    })
    .openapi(routes.versions, async function listVersions(c) {
      const versions =
        (await deps.ruleSets.versions(c.req.valid('param').id)) ?? notFound('rule set');
      const names = await usernamesOf(
        deps.users,
        versions.map((v) => v.publishedBy),
      );
      return c.json(
        versions.map((v) =>
          v.publishedBy === undefined
            ? v
            : { ...v, publishedByName: names.get(v.publishedBy) ?? null },
        ),
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
      const saved = await deps.ruleSets.updateDraft(
        id,
        draftId,
        c.req.valid('json').document,
        c.get('user')?.id ?? '',
      );
      if (!saved) notFound('draft');
      await audit(c, 'rule_set.draft.update', { type: 'rule_set', id }, { draftId });
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
      const validation = deps.engine.validate(document);
      if (!validation.ok) {
        throw new ApiError(422, 'invalid_rule_set', 'The draft does not validate.', {
          errors: validation.errors.map((e) => ({ path: e.path, message: e.message })),
        });
      }
      const failed = (await deps.engine.test(id, document)).filter((t) => !t.passed);
      if (failed.length > 0) {
        throw new ApiError(422, 'tests_failed', 'Some rule test cases fail.', {
          errors: failed.map((t) => ({ path: `/cases/${t.name}`, message: 'failed' })),
        });
      }
      await requireDeclaredPurposes(ctx, document);
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
      const { from, to } = c.req.valid('query');
      const [a, b] = await Promise.all([
        deps.ruleSets.version(id, from),
        deps.ruleSets.version(id, to),
      ]);
      if (a === undefined || b === undefined) notFound('version');
      return c.json(deps.engine.diff(a, b), 200);
    })
    .openapi(routes.rollback, async function rollback(c) {
      const { id } = c.req.valid('param');
      const { version, note } = c.req.valid('json');
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
