/**
 * The API's access rules (`x-access` in /api/openapi.json) for the operations this UI calls.
 * `access.test.ts` compares every entry with the API's own document, so the menu never offers
 * a page the API would refuse.
 */
import type { Role } from './api-types';

const center = ['family_center'] as const;
const it = ['it'] as const;
const ruleReaders = ['rule_editor', 'family_center'] as const;
const ruleEditors = ['rule_editor'] as const;

export const apiAccess = {
  // The admin reads the list to switch second-person approval on or off.
  'GET /rule-sets': [...ruleReaders, 'admin'],
  'PUT /rule-sets/{id}/settings': ['admin'],
  'GET /rule-sets/{id}/versions': ruleReaders,
  'GET /rule-sets/{id}/versions/{v}': ruleReaders,
  'GET /rule-sets/{id}/drafts/{draftId}': ruleReaders,
  'GET /rule-sets/{id}/diff': ruleReaders,
  'POST /rule-sets/{id}/drafts': ruleEditors,
  'PUT /rule-sets/{id}/drafts/{draftId}': ruleEditors,
  'POST /rule-sets/{id}/drafts/{draftId}/publish': ruleEditors,
  'POST /rule-sets/{id}/drafts/{draftId}/request-approval': ruleEditors,
  'POST /rule-sets/{id}/drafts/{draftId}/approve': ruleEditors,
  'GET /rule-sets/{id}/drafts/{draftId}/diff': ruleReaders,
  'POST /rule-sets/{id}/rollback/request-approval': ruleEditors,
  'POST /rule-sets/{id}/rollback': ruleEditors,
  'POST /rule-sets/{id}/simulate': ruleReaders,
  'POST /preview': ruleReaders,
  'GET /children': ['family_center', 'rule_editor', 'teacher'],
  'GET /runs': center,
  'POST /runs': center,
  'GET /cases': center,
  'GET /notifications': center,
  'GET /runs/{runId}/flagged': center,
  'GET /sheets': ['family_center', 'teacher'],
  'GET /kpi/dashboard': ['family_center', 'admin'],
  'GET /schedules': ['family_center', 'admin'],
  'GET /connectors': ['it', 'rule_editor'],
  'GET /imports': it,
  'GET /sources': it,
  'GET /gaiji': it,
  'GET /linkage/review': it,
  'GET /audit': ['admin'],
  'GET /users': ['admin'],
  'GET /inventory': ['admin', 'rule_editor', 'family_center', 'teacher', 'it'],
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof apiAccess;

/** Whether `role` may call `operation` (the API decides; this only hides what it would refuse). */
export function may(role: Role | undefined, operation: Operation): boolean {
  return role !== undefined && (apiAccess[operation] as readonly Role[]).includes(role);
}

/** The roles that may call every one of `operations`. */
export function rolesFor(operations: readonly Operation[]): Role[] {
  const [first, ...rest] = operations;
  if (first === undefined) return [];
  return (apiAccess[first] as readonly Role[]).filter((role) =>
    rest.every((operation) => may(role, operation)),
  );
}
