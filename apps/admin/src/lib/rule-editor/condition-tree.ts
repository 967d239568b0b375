/**
 * Pure, immutable edits of a rule's condition tree. A node is addressed by its path: the
 * child indices from the root (`[]` is the root, `[1, 0]` the first child of the root's second
 * child; a `not` group has one child, index 0). Every edit returns a new tree and leaves the
 * input untouched, so Svelte state proxies can be passed in directly.
 */
import type { ConditionNode, GroupCondition, LeafCondition, TopLevelCondition } from './document';

export type GroupKind = 'all' | 'any' | 'not';
export type TreePath = readonly number[];

export function isLeaf(node: ConditionNode): node is LeafCondition {
  return 'fact' in node;
}

export function isGroup(node: ConditionNode): node is GroupCondition {
  return 'all' in node || 'any' in node || 'not' in node;
}

export function groupKind(node: GroupCondition): GroupKind {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  return 'not';
}

/** The children of a group, in order (a `not` has exactly one). */
export function childrenOf(node: ConditionNode): ConditionNode[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

function withChildren(node: GroupCondition, children: ConditionNode[]): GroupCondition {
  if ('all' in node) return { ...node, all: children };
  if ('any' in node) return { ...node, any: children };
  const only = children[0];
  if (!only) throw new RangeError('a not-group needs exactly one child');
  return { ...node, not: only };
}

/** The node at `path`, or undefined if the path leads nowhere. */
export function nodeAt(root: ConditionNode, path: TreePath): ConditionNode | undefined {
  let node: ConditionNode | undefined = root;
  for (const index of path) {
    if (!node) return undefined;
    node = childrenOf(node)[index];
  }
  return node;
}

/** Replaces the node at `path` with `update(node)`. */
export function updateAt(
  root: TopLevelCondition,
  path: TreePath,
  update: (node: ConditionNode) => ConditionNode,
): TopLevelCondition {
  const go = (node: ConditionNode, depth: number): ConditionNode => {
    if (depth === path.length) return update(node);
    if (!isGroup(node)) throw new RangeError(`no group at depth ${depth}`);
    const index = path[depth] ?? 0;
    const children = childrenOf(node);
    const child = children[index];
    if (!child) throw new RangeError(`no child ${index} at depth ${depth}`);
    const next = children.slice();
    next[index] = go(child, depth + 1);
    return withChildren(node, next);
  };
  const result = go(root, 0);
  if (isLeaf(result)) throw new TypeError('the root of a rule must stay a group');
  return result;
}

/** A fresh leaf: empty fact, `equal`, no value yet. */
export function emptyLeaf(): LeafCondition {
  return { fact: '', operator: 'equal', value: null };
}

export function emptyGroup(kind: GroupKind): GroupCondition {
  if (kind === 'all') return { all: [emptyLeaf()] };
  if (kind === 'any') return { any: [emptyLeaf()] };
  return { not: emptyLeaf() };
}

/**
 * Appends `child` to the group at `groupPath`. A `not` group holds one child only, so adding to
 * it wraps its child and the new one in an `all`.
 */
export function addChild(
  root: TopLevelCondition,
  groupPath: TreePath,
  child: ConditionNode,
): TopLevelCondition {
  return updateAt(root, groupPath, (node) => {
    if (!isGroup(node)) throw new TypeError('can only add to a group');
    if ('not' in node) return { not: { all: [node.not, child] } };
    return withChildren(node, [...childrenOf(node), child]);
  });
}

/** Removes the node at `path` (not the root). A `not` group that loses its child goes too. */
export function removeAt(root: TopLevelCondition, path: TreePath): TopLevelCondition {
  if (path.length === 0) throw new RangeError('cannot remove the root');
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1] ?? 0;
  const parent = nodeAt(root, parentPath);
  if (parent && 'not' in parent) {
    if (parentPath.length === 0) return { all: [] };
    return removeAt(root, parentPath);
  }
  return updateAt(root, parentPath, (node) => {
    if (!isGroup(node)) throw new TypeError('parent is not a group');
    return withChildren(
      node,
      childrenOf(node).filter((_, i) => i !== index),
    );
  });
}

/** Moves the node at `path` up (-1) or down (+1) among its siblings; no-op at the ends. */
export function move(root: TopLevelCondition, path: TreePath, delta: -1 | 1): TopLevelCondition {
  if (path.length === 0) return root;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1] ?? 0;
  return updateAt(root, parentPath, (node) => {
    if (!isGroup(node)) return node;
    const children = childrenOf(node).slice();
    const target = index + delta;
    if (target < 0 || target >= children.length) return node;
    const [moved] = children.splice(index, 1);
    if (moved) children.splice(target, 0, moved);
    return withChildren(node, children);
  });
}

/**
 * Changes a group's kind. all ↔ any keep the children; turning a multi-child group into `not`
 * negates an `all` of them; turning `not` into all/any unwraps its single child.
 */
export function setGroupKind(
  root: TopLevelCondition,
  path: TreePath,
  kind: GroupKind,
): TopLevelCondition {
  return updateAt(root, path, (node) => {
    if (!isGroup(node) || groupKind(node) === kind) return node;
    const children = childrenOf(node);
    if (kind === 'not') {
      const only = children.length === 1 ? children[0] : undefined;
      return { not: only ?? { all: children } };
    }
    const inner =
      'not' in node && isGroup(node.not) && groupKind(node.not) !== 'not'
        ? childrenOf(node.not)
        : children;
    return kind === 'all' ? { all: inner } : { any: inner };
  });
}

/** Wraps the node at `path` in a new group of `kind` (to nest it). */
export function wrapAt(
  root: TopLevelCondition,
  path: TreePath,
  kind: GroupKind,
): TopLevelCondition {
  return updateAt(root, path, (node) => {
    if (kind === 'not') return { not: node };
    return kind === 'all' ? { all: [node] } : { any: [node] };
  });
}

/** Patches the leaf at `path`. */
export function updateLeaf(
  root: TopLevelCondition,
  path: TreePath,
  patch: Partial<LeafCondition>,
): TopLevelCondition {
  return updateAt(root, path, (node) => {
    if (!isLeaf(node)) throw new TypeError('not a leaf');
    return { ...node, ...patch };
  });
}

/** Every fact id the tree uses, in order of first appearance. */
export function factsUsed(root: ConditionNode): string[] {
  const seen = new Set<string>();
  const walk = (node: ConditionNode) => {
    if (isLeaf(node)) {
      if (node.fact) seen.add(node.fact);
      return;
    }
    childrenOf(node).forEach(walk);
  };
  walk(root);
  return [...seen];
}
