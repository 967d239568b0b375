import { sourceKinds } from '@mimamori/records';
import type { MappingProblem } from './validate-mapping';

/**
 * Names no mapped source may take: the source kinds, after which the built-in connectors are
 * named. A mapped source replaces every fact of the connector named like it on import, so a
 * `school` mapping would erase the school connector's facts.
 */
export const reservedSourceNames: readonly string[] = sourceKinds;

function reservedSet(extra: Iterable<string> | undefined): Set<string> {
  return new Set([...reservedSourceNames, ...(extra ?? [])]);
}

/**
 * The `reserved_name` problem when `name` is a source kind or one of `connectorNames` (the
 * connector packages found by `discoverConnectors`), else undefined. Shared by the API's save
 * and the CLI's `import --mapping`.
 *
 * @example reservedNameProblem('school')?.code // 'reserved_name'
 */
export function reservedNameProblem(
  name: string,
  connectorNames?: Iterable<string>,
): MappingProblem | undefined {
  if (!reservedSet(connectorNames).has(name)) return undefined;
  return {
    path: '/name',
    code: 'reserved_name',
    message: `the name ${name} belongs to a built-in connector; choose another`,
    messageJa: `「${name}」は組み込みのコネクタの名前です。別の名前にしてください`,
  };
}

/**
 * `name`, or `name-mapped` (then `name-mapped-2`, …) when it is reserved: what inference
 * proposes for a sample named like a built-in connector (`school.csv`).
 *
 * @example unreservedName('school') // 'school-mapped'
 */
export function unreservedName(name: string, connectorNames?: Iterable<string>): string {
  const reserved = reservedSet(connectorNames);
  if (!reserved.has(name)) return name;
  let candidate = `${name}-mapped`;
  for (let n = 2; reserved.has(candidate); n++) candidate = `${name}-mapped-${n}`;
  return candidate;
}
