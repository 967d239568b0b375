import type { HandleClientError } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { errorText } from '$lib/error-text';

/**
 * Shows a translated message (refusals never show the API's English detail) with the problem
 * code, instead of a bare "Internal Error".
 */
export const handleError: HandleClientError = ({ error, message }) => {
  if (error instanceof ApiError) return { message: errorText(error), code: error.code };
  return { message: error instanceof Error ? error.message : message };
};
