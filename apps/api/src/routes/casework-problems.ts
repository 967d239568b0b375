import { CaseworkError, type CaseworkErrorCode } from '@mimamori/casework';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../problem';

/**
 * Casework codes of the sheet and case routes, with their HTTP status and an English detail
 * (the package message names ids: it stays out). `problem.ts` maps the older codes.
 */
const conflicts: Partial<Record<CaseworkErrorCode, [ContentfulStatusCode, string]>> = {
  stale_sheet: [409, 'The sheet changed after you loaded it: reload it and make the change again.'],
  stale_case: [409, 'The case changed after you loaded it: reload it and decide again.'],
  purged: [
    409,
    "The child's personal data was purged under the retention rules: the sheet takes no more entries.",
  ],
  sheet_not_shared: [
    409,
    'The sheet is not shared with a school yet: share it before recording observations.',
  ],
  unknown_school: [422, 'No child attends a school or nursery with that code.'],
};

/**
 * Runs a casework call and answers its conflicts as problems: the codes above, plus
 * `invalidState` as the detail of `invalid_state` when the route has a more precise one.
 * @example const sheet = await answeringConflicts(() => casework.shareSheet(input));
 */
export async function answeringConflicts<T>(
  work: () => Promise<T>,
  options: { invalidState?: string } = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CaseworkError)) throw error;
    const known = conflicts[error.code];
    if (known !== undefined) throw new ApiError(known[0], error.code, known[1], { cause: error });
    if (error.code === 'invalid_state' && options.invalidState !== undefined)
      throw new ApiError(409, 'invalid_state', options.invalidState, { cause: error });
    throw error;
  }
}
