import type { HandleClientError } from '@sveltejs/kit';
import { ApiError } from '$lib/api';

/** Shows the API's problem detail and code instead of a bare "Internal Error". */
export const handleError: HandleClientError = ({ error, message }) => {
  if (error instanceof ApiError) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : message };
};
