import type { HandleClientError } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { errorText } from '$lib/error-text';

/**
 * Shows a translated message (refusals never show the API's English detail) with the problem
 * code, instead of a bare "Internal Error". Other errors get the general message; their cause
 * goes to the console (via `errorText`), never to the page.
 */
export const handleError: HandleClientError = ({ error }) => {
  if (error instanceof ApiError) return { message: errorText(error), code: error.code };
  return { message: errorText(error) };
};
