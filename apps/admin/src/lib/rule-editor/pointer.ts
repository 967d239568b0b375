/**
 * JSON pointers (RFC 6901) between the document and the editor's fields. The validate
 * endpoint reports errors at pointers like `/rules/2/conditions/all/0/value`; each field
 * asks for the errors at its own pointer and shows them beside itself.
 */
import { childrenOf, type TreePath } from './condition-tree';
import type { ConditionNode } from './document';

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

export function parsePointer(value: string): string[] {
  if (value === '' || value === '/') return [];
  return value
    .replace(/^\//, '')
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of the node at `path` inside a rule's condition tree. */
export function conditionPointer(ruleIndex: number, root: ConditionNode, path: TreePath): string {
  const tokens: (string | number)[] = ['rules', ruleIndex, 'conditions'];
  let node: ConditionNode | undefined = root;
  for (const index of path) {
    if (!node) break;
    if ('all' in node) tokens.push('all', index);
    else if ('any' in node) tokens.push('any', index);
    else if ('not' in node) tokens.push('not');
    node = childrenOf(node)[index];
  }
  return pointer(...tokens);
}

/** A DOM id for the field at a pointer (so an error summary can focus the field). */
export function fieldId(at: string): string {
  return `field${at.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

type WithPath = { path: string };

/** Errors exactly at `at`. */
export function errorsAt<E extends WithPath>(errors: readonly E[], at: string): E[] {
  return errors.filter((e) => e.path === at);
}

/** Errors at `at` or anywhere below it. */
export function errorsWithin<E extends WithPath>(errors: readonly E[], at: string): E[] {
  return errors.filter((e) => e.path === at || e.path.startsWith(`${at}/`));
}

/** The rule index an error concerns, if any (`/rules/3/...` → 3). */
export function ruleIndexOf(at: string): number | null {
  const [head, index] = parsePointer(at);
  if (head !== 'rules' || index === undefined) return null;
  const n = Number(index);
  return Number.isInteger(n) ? n : null;
}
