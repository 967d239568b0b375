import { redirect } from '@sveltejs/kit';
import { auth, ApiError } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

// The admin UI is a client-rendered app: every request for data goes to /api on the same
// origin with the session cookie, which the Node server routes to the Hono API.
export const ssr = false;
export const prerender = false;

export const load = (async ({ url }) => {
  if (url.pathname === '/login') return { user: session.user };
  if (!session.user) {
    try {
      session.user = (await auth.me()).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      }
      throw error;
    }
  }
  return { user: session.user };
}) satisfies LayoutLoad;
