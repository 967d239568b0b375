/** The top navigation: each page with the API operations its load needs, and each role's home. */
import { rolesFor, type Operation } from './access';
import type { Role } from './api-types';
import type { MessageKey } from './i18n/index.svelte';

export type NavItem = {
  href: string;
  label: MessageKey;
  testid: string;
  /** Operations the page cannot open without; its roles are the ones the API allows for all. */
  needs: readonly Operation[];
  /** Narrows a page the API would allow more widely to the roles it is written for. */
  only?: readonly Role[];
  roles: readonly Role[];
};

function page(item: Omit<NavItem, 'roles'>): NavItem {
  const allowed = rolesFor(item.needs);
  return { ...item, roles: item.only ? allowed.filter((r) => item.only?.includes(r)) : allowed };
}

export const navItems: readonly NavItem[] = [
  page({ href: '/rules', label: 'nav.rules', testid: 'nav-rules', needs: ['GET /rule-sets'] }),
  page({
    href: '/preview',
    label: 'nav.preview',
    testid: 'nav-preview',
    needs: ['GET /rule-sets', 'POST /preview'],
  }),
  page({
    href: '/runs',
    label: 'nav.runs',
    testid: 'nav-runs',
    needs: ['GET /runs', 'GET /rule-sets'],
  }),
  page({
    href: '/children',
    label: 'nav.children',
    testid: 'nav-children',
    needs: ['GET /children'],
  }),
  // Family-center staff work from /cases; this page is the teachers' view of shared sheets.
  page({
    href: '/teacher',
    label: 'nav.teacher',
    testid: 'nav-teacher',
    needs: ['GET /sheets'],
    only: ['teacher'],
  }),
  page({
    href: '/cases',
    label: 'nav.cases',
    testid: 'nav-cases',
    needs: ['GET /runs', 'GET /cases', 'GET /notifications', 'GET /runs/{runId}/flagged'],
  }),
  page({ href: '/sources', label: 'nav.sources', testid: 'nav-sources', needs: ['GET /sources'] }),
  page({
    href: '/imports',
    label: 'nav.imports',
    testid: 'nav-imports',
    needs: ['GET /imports', 'GET /connectors'],
  }),
  page({ href: '/gaiji', label: 'nav.gaiji', testid: 'nav-gaiji', needs: ['GET /gaiji'] }),
  page({
    href: '/linkage',
    label: 'nav.linkage',
    testid: 'nav-linkage',
    needs: ['GET /linkage/review'],
  }),
  page({
    href: '/audit',
    label: 'nav.audit',
    testid: 'nav-audit',
    needs: ['GET /audit', 'GET /users'],
  }),
  page({
    href: '/kpi',
    label: 'nav.kpi',
    testid: 'nav-kpi',
    needs: ['GET /kpi/dashboard', 'GET /schedules'],
  }),
  page({
    href: '/inventory',
    label: 'nav.inventory',
    testid: 'nav-inventory',
    needs: ['GET /inventory'],
  }),
];

export function navFor(role: Role | undefined): NavItem[] {
  return role ? navItems.filter((item) => item.roles.includes(role)) : [];
}

const homes: Record<Role, string> = {
  admin: '/audit',
  it: '/imports',
  teacher: '/teacher',
  family_center: '/cases',
  rule_editor: '/rules',
};

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return homes[role];
}
