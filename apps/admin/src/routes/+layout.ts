import { redirect } from '@sveltejs/kit';
import { auth, ApiError } from '$lib/api';
import { homeFor, navItems } from '$lib/nav';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

// The admin UI is a client-rendered app: every request for data goes to /api on the same
// origin with the session cookie, which the Node server routes to the Hono API.
export const ssr = false;
export const prerender = false;

/*
 * Page loads run alongside this one: a page that needs the user reads it from `await parent()`,
 * never from `session` (which this load fills in only after `auth.me()` has answered).
 */
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
  // A menu page the role may not open (a bookmark, a reload after a role change) sends the user
  // home instead of to an error the API's refusal would cause.
  const { role } = session.user;
  if (navItems.some((item) => item.href === url.pathname && !item.roles.includes(role)))
    redirect(307, homeFor(role));
  return { user: session.user };
}) satisfies LayoutLoad;
