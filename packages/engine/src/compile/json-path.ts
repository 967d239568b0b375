import { EngineError } from '../engine-error';

/**
 * The JSONPath subset we accept in `path`: `$`, `.name`, `[0]`, `['name']`, `["name"]`. These are
 * exactly the forms for which jsonpath-plus (used by json-rules-engine 7.3) follows plain own
 * properties, so resolving them by hand gives the same value. Filters and wildcards are refused.
 */
const dotName = /^\.([\p{L}_][\p{L}\p{N}_]*)/u;
const index = /^\[(\d+)\]/u;
const quoted = /^\[(['"])([\p{L}\p{N}_\- ]+)\1\]/u;

/** Parses a path into property segments, or returns undefined if outside the subset. */
export function parseJsonPath(path: string): readonly string[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = dotName.exec(rest) ?? index.exec(rest);
    if (m) {
      segments.push(m[1] as string);
      rest = rest.slice(m[0].length);
      continue;
    }
    const q = quoted.exec(rest);
    if (!q) return undefined;
    segments.push(q[2] as string);
    rest = rest.slice(q[0].length);
  }
  return segments;
}

/** Like {@link parseJsonPath} but throws an EngineError for paths outside the subset. */
export function compileJsonPath(path: string): readonly string[] {
  const segments = parseJsonPath(path);
  if (segments === undefined) {
    throw new EngineError('unsupported_path', `Unsupported path: ${path}`);
  }
  return segments;
}

/** Follows own properties as jsonpath-plus does (`val && Object.hasOwn(val, loc)`); else undefined. */
export function resolveJsonPath(root: object, segments: readonly string[]): unknown {
  let value: unknown = root;
  for (const segment of segments) {
    if (!value || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
