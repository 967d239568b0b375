import { z } from '@hono/zod-openapi';
import type { ApprovalRecord, UserStore } from '../deps';
import { ApiError } from '../problem';
import { idSchema } from '../schemas/common';
import type { ApprovalRequestJson } from '../schemas/rule-sets';
import { usernamesOf } from './audit';

// Path parameters, answers and helpers shared by the rule-set route modules.

/** Who reads rule sets; the admin also reads the list, to switch approval on or off. */
export const ruleSetReaders = { roles: ['rule_editor', 'family_center'] } as const;
/** Who changes rule sets: drafts, publish, rollback, and approving another person's request. */
export const ruleSetEditors = { roles: ['rule_editor'] } as const;

const param = (name: string) => idSchema.openapi({ param: { name, in: 'path' } });
/** `/{id}` */
export const setParams = z.object({ id: param('id') });
/** `/{id}/drafts/{draftId}` */
export const draftParams = z.object({ id: param('id'), draftId: param('draftId') });
/** A published version number. */
export const versionResult = z.object({ version: z.number().int() });

/** 404 `not_found` for an unknown rule set, draft or version. */
export function notFound(what: string): never {
  throw new ApiError(404, 'not_found', `No such ${what}.`);
}

/** Approval requests with the requester's and decider's usernames. */
export async function withApprovalNames(
  users: Pick<UserStore, 'findById'>,
  requests: readonly ApprovalRecord[],
): Promise<ApprovalRequestJson[]> {
  const names = await usernamesOf(
    users,
    requests.flatMap((r) => [r.requestedBy, r.decidedBy ?? undefined]),
  );
  return requests.map((r) => ({
    ...r,
    requestedByName: names.get(r.requestedBy) ?? null,
    decidedByName: r.decidedBy === null ? null : (names.get(r.decidedBy) ?? null),
  }));
}
