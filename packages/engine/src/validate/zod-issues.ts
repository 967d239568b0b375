import type { z } from 'zod';

/** One problem found in a rule set, pointed at with a JSON pointer (`/rules/3/conditions/all/1`). */
export interface ValidationError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** The same message in Japanese, for the admin UI. */
  readonly messageJa: string;
}

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** Encodes a path as a JSON pointer (RFC 6901). */
export function toPointer(path: readonly Key[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<Key, unknown>)[key];
  }
  return value;
}

/**
 * Unions (conditions are all/any/not/condition/fact) report every branch's failure. Pick the branch
 * that matched the object's shape (no error at its root), so the error points at the real mistake.
 */
function flatten(
  issue: Issue,
  prefix: readonly Key[],
  input: unknown,
  out: ValidationError[],
): void {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
    out.push(describe(issue, path, input));
    return;
  }
  const ranked = issue.errors
    .map((branch) => ({ branch, atRoot: branch.filter((i) => i.path.length === 0).length }))
    .sort((a, b) => a.atRoot - b.atRoot || a.branch.length - b.branch.length);
  const best = ranked[0];
  if (best === undefined || best.atRoot > 0) {
    const missing = valueAt(input, path) === undefined;
    out.push(
      missing
        ? {
            path: toPointer(path),
            code: 'required',
            message: 'Required',
            messageJa: '必須項目です',
          }
        : {
            path: toPointer(path),
            code: 'invalid_shape',
            message:
              'Does not match any allowed form (all / any / not / condition / fact comparison)',
            messageJa:
              '許可された形式 (all / any / not / condition / 事実の比較) のいずれにも一致しません',
          },
    );
    return;
  }
  for (const inner of best.branch) flatten(inner, path, input, out);
}

function describe(issue: Issue, path: readonly Key[], input: unknown): ValidationError {
  const pointer = toPointer(path);
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, path) === undefined) {
        return { path: pointer, code: 'required', message: 'Required', messageJa: '必須項目です' };
      }
      return {
        path: pointer,
        code: 'invalid_type',
        message: `Expected ${issue.expected === 'int' ? 'an integer' : issue.expected}`,
        messageJa: `${issue.expected} 型である必要があります`,
      };
    case 'unrecognized_keys':
      return {
        path: pointer,
        code: 'unknown_key',
        message: `Unknown key(s): ${issue.keys.join(', ')}`,
        messageJa: `不明なキーがあります: ${issue.keys.join(', ')}`,
      };
    case 'invalid_format':
      if (issue.format === 'regex' && issue.message === 'Unknown operator') {
        return {
          path: pointer,
          code: 'unknown_operator',
          message: 'Unknown operator',
          messageJa: '不明な演算子です',
        };
      }
      return {
        path: pointer,
        code: 'invalid_format',
        message: issue.message,
        messageJa: `形式が正しくありません (${issue.format})`,
      };
    case 'too_small':
      return {
        path: pointer,
        code: 'too_small',
        message: issue.message,
        messageJa: `値が小さすぎるか、空です (最小 ${String(issue.minimum)})`,
      };
    case 'too_big':
      return {
        path: pointer,
        code: 'too_big',
        message: issue.message,
        messageJa: `値が大きすぎます (最大 ${String(issue.maximum)})`,
      };
    case 'invalid_value':
      return {
        path: pointer,
        code: 'invalid_value',
        message: issue.message,
        messageJa: `許可された値ではありません: ${issue.values.map(String).join(' / ')}`,
      };
    default:
      return {
        path: pointer,
        code: issue.code,
        message: issue.message,
        messageJa: '値が正しくありません',
      };
  }
}

/** Turns a zod error into pointer-addressed validation errors (one per real mistake). */
export function flattenZodError(error: z.ZodError, input: unknown): ValidationError[] {
  const out: ValidationError[] = [];
  for (const issue of error.issues) flatten(issue, [], input, out);
  return out;
}

/**
 * A short one-line summary of a zod error for exception messages (no values). Pass the parsed
 * `input` so a present-but-invalid field is not reported as "Required".
 */
export function formatIssues(error: z.ZodError, input: unknown): string {
  return flattenZodError(error, input)
    .slice(0, 5)
    .map((e) => `${e.path || '/'} ${e.message}`)
    .join('; ');
}
