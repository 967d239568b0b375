import { inventory } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ inventory: await inventory.get() })) satisfies PageLoad;
