/** The signed-in user (client state). What each role may open is in `nav.ts`. */
import type { User } from './api-types';

export const session = $state<{ user: User | null }>({ user: null });
