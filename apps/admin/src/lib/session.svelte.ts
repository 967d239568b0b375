/** The signed-in user (client state) and what each role may open. */
import { roles as allRoles, type Role, type User } from './api-types';
import type { MessageKey } from './i18n/index.svelte';

export const session = $state<{ user: User | null }>({ user: null });

export type NavItem = { href: string; label: MessageKey; roles: readonly Role[]; testid: string };

/** Top navigation; the API enforces access, this only hides what a role cannot use. */
export const navItems: readonly NavItem[] = [
  { href: '/rules', label: 'nav.rules', roles: ['admin', 'rule_editor'], testid: 'nav-rules' },
  {
    href: '/preview',
    label: 'nav.preview',
    roles: ['admin', 'rule_editor', 'family_center'],
    testid: 'nav-preview',
  },
  { href: '/runs', label: 'nav.runs', roles: ['admin', 'family_center'], testid: 'nav-runs' },
  {
    href: '/children',
    label: 'nav.children',
    roles: ['admin', 'family_center', 'teacher'],
    testid: 'nav-children',
  },
  { href: '/teacher', label: 'nav.teacher', roles: ['teacher'], testid: 'nav-teacher' },
  {
    href: '/cases',
    label: 'nav.cases',
    roles: ['admin', 'family_center', 'teacher'],
    testid: 'nav-cases',
  },
  { href: '/sources', label: 'nav.sources', roles: ['it'], testid: 'nav-sources' },
  { href: '/imports', label: 'nav.imports', roles: ['admin', 'it'], testid: 'nav-imports' },
  { href: '/gaiji', label: 'nav.gaiji', roles: ['admin', 'it'], testid: 'nav-gaiji' },
  { href: '/linkage', label: 'nav.linkage', roles: ['admin', 'it'], testid: 'nav-linkage' },
  { href: '/audit', label: 'nav.audit', roles: ['admin'], testid: 'nav-audit' },
  { href: '/kpi', label: 'nav.kpi', roles: ['admin', 'family_center'], testid: 'nav-kpi' },
  { href: '/inventory', label: 'nav.inventory', roles: allRoles, testid: 'nav-inventory' },
];

export function navFor(role: Role | undefined): NavItem[] {
  return role ? navItems.filter((item) => item.roles.includes(role)) : [];
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return navFor(role)[0]?.href ?? '/';
}
