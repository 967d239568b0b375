import type { Context } from 'hono';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { ApprovalRecord } from '../deps';
import type { ApiEnv } from '../env';
import { jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import {
  approvalRequestSchema,
  publishBodySchema,
  rejectBodySchema,
  rollbackBodySchema,
  ruleSetSettingsSchema,
} from '../schemas/rule-sets';
import { requireDeclaredPurposes, requirePublishable } from './rule-set-gate';
import {
  draftParams,
  notFound,
  ruleSetEditors as edit,
  setParams,
  versionResult,
  withApprovalNames,
} from './rule-set-params';

const tags = ['rule-sets'];
const refusals = {
  409: { ...problemResponses[400], description: 'Not possible in the current state' },
  422: { ...problemResponses[400], description: 'The draft cannot be published' },
};

const routes = {
  settings: defineRoute(
    { roles: ['admin'] },
    {
      method: 'put',
      path: '/{id}/settings',
      tags,
      summary: "Require (or stop requiring) a second person's approval to publish (admin)",
      request: { params: setParams, body: jsonBody(ruleSetSettingsSchema) },
      responses: {
        200: jsonResponse(ruleSetSettingsSchema, 'Saved'),
        ...problemResponses,
      },
    },
  ),
  request: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/request-approval',
    tags,
    summary: 'Ask a second person to approve publishing a valid, passing draft (409 when pending)',
    request: { params: draftParams, body: jsonBody(publishBodySchema) },
    responses: {
      201: jsonResponse(approvalRequestSchema, 'Pending approval'),
      ...problemResponses,
      ...refusals,
    },
  }),
  approve: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/approve',
    tags,
    summary: 'Approve and publish a pending draft (403 approval_same_person for the requester)',
    request: { params: draftParams },
    responses: { 200: jsonResponse(versionResult, 'Published'), ...problemResponses, ...refusals },
  }),
  reject: defineRoute(edit, {
    method: 'post',
    path: '/{id}/drafts/{draftId}/reject',
    tags,
    summary: 'Reject a pending draft with a reason: it goes back to being a draft',
    request: { params: draftParams, body: jsonBody(rejectBodySchema) },
    responses: {
      200: jsonResponse(approvalRequestSchema, 'Rejected'),
      ...problemResponses,
      ...refusals,
    },
  }),
  rollback: defineRoute(edit, {
    method: 'post',
    path: '/{id}/rollback/request-approval',
    tags,
    summary: 'Ask a second person to approve going back to an old version (a new pending draft)',
    request: { params: setParams, body: jsonBody(rollbackBodySchema) },
    responses: {
      201: jsonResponse(approvalRequestSchema, 'Pending approval'),
      ...problemResponses,
      ...refusals,
    },
  }),
};

/** Audit details of a request: ids and the kind, never the note or the reason. */
function details(request: ApprovalRecord): Record<string, unknown> {
  return {
    draftId: request.draftId,
    requestId: request.id,
    kind: request.kind,
    ...(request.fromVersion === null ? {} : { from: request.fromVersion }),
  };
}

/**
 * Second-person approval of publishing: the admin's per-set switch; request, approve and reject
 * a draft; rollback under approval. Every step is audited.
 */
export function ruleSetApprovalRoutes(ctx: AppContext) {
  const { deps } = ctx;
  const userId = (c: Context<ApiEnv>) => c.get('user')?.id ?? '';
  const target = (id: string) => ({ type: 'rule_set', id });
  /** Audits a step and answers the request with usernames. */
  async function recorded(c: Context<ApiEnv>, id: string, action: string, request: ApprovalRecord) {
    await audit(c, action, target(id), details(request));
    const [withNames] = await withApprovalNames(deps.users, [request]);
    return withNames ?? request;
  }

  return createRouter()
    .openapi(routes.settings, async function saveSettings(c) {
      const { id } = c.req.valid('param');
      const { approvalRequired } = c.req.valid('json');
      const saved =
        (await deps.ruleSets.setApprovalRequired(id, approvalRequired)) ?? notFound('rule set');
      await audit(c, 'rule_set.settings.update', target(id), {
        approvalRequired: saved.approvalRequired,
        previous: saved.previous,
      });
      return c.json({ approvalRequired: saved.approvalRequired }, 200);
    })
    .openapi(routes.request, async function requestApproval(c) {
      const { id, draftId } = c.req.valid('param');
      const document = (await deps.ruleSets.draft(id, draftId)) ?? notFound('draft');
      // Checked now, so an approver is only asked about a draft that can be published.
      await requirePublishable(ctx, id, document);
      const request =
        (await deps.ruleSets.requestApproval(id, draftId, c.req.valid('json').note, userId(c))) ??
        notFound('draft');
      return c.json(await recorded(c, id, 'rule_set.approval.request', request), 201);
    })
    .openapi(routes.approve, async function approve(c) {
      const { id, draftId } = c.req.valid('param');
      const document = (await deps.ruleSets.draft(id, draftId)) ?? notFound('draft');
      const pending = await deps.ruleSets.pendingApproval(id, draftId);
      // Checked again: rule tests and declared purposes may have changed since the request.
      // A rollback passes the rollback's check (declared purposes) only.
      if (pending?.kind === 'rollback') await requireDeclaredPurposes(ctx, document);
      else if (pending !== undefined) await requirePublishable(ctx, id, document);
      const approved = (await deps.ruleSets.approve(id, draftId, userId(c))) ?? notFound('draft');
      await audit(c, 'rule_set.approval.approve', target(id), {
        ...details(approved.request),
        version: approved.version,
        requestedBy: approved.request.requestedBy,
      });
      return c.json({ version: approved.version }, 200);
    })
    .openapi(routes.reject, async function reject(c) {
      const { id, draftId } = c.req.valid('param');
      const rejected =
        (await deps.ruleSets.reject(id, draftId, c.req.valid('json').reason, userId(c))) ??
        notFound('draft');
      return c.json(await recorded(c, id, 'rule_set.approval.reject', rejected), 200);
    })
    .openapi(routes.rollback, async function requestRollback(c) {
      const { id } = c.req.valid('param');
      const { version, note } = c.req.valid('json');
      await requireDeclaredPurposes(
        ctx,
        (await deps.ruleSets.version(id, version)) ?? notFound('version'),
      );
      const request =
        (await deps.ruleSets.requestRollback(id, version, note, userId(c))) ?? notFound('version');
      return c.json(await recorded(c, id, 'rule_set.approval.request', request), 201);
    });
}
