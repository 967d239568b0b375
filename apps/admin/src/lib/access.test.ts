import { createApp, openApiDocument } from '@mimamori/api';
import { describe, expect, it } from 'vitest';
import { apiAccess, rolesFor } from './access';
import { roles } from './api-types';
import { homeFor, navFor, navItems } from './nav';

type Operation = { 'x-access'?: { roles?: readonly string[]; public?: true } };

/** The API's declared roles per `METHOD /path` (paths without the `/api` base). */
function declaredAccess(): Map<string, readonly string[]> {
  // The document is generated from the route definitions alone; no handler runs.
  const document = openApiDocument(createApp({} as never));
  const table = new Map<string, readonly string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      const access = operation['x-access'];
      if (access?.roles)
        table.set(`${method.toUpperCase()} ${path.replace(/^\/api/, '')}`, access.roles);
    }
  }
  return table;
}

describe('access mirrors the API', () => {
  const declared = declaredAccess();

  it.each(Object.entries(apiAccess))('%s has the API’s roles', (operation, allowed) => {
    expect(declared.has(operation), `${operation} is not in the API`).toBe(true);
    expect([...allowed].sort()).toEqual([...(declared.get(operation) ?? [])].sort());
  });

  it('offers each page to exactly the roles the API lets load it', () => {
    for (const item of navItems) {
      const allowed = rolesFor(item.needs);
      const expected = item.only ? allowed.filter((role) => item.only?.includes(role)) : allowed;
      expect([...item.roles].sort(), item.href).toEqual([...expected].sort());
      expect(item.roles.length, item.href).toBeGreaterThan(0);
    }
  });

  it('sends every role home to a page it may open', () => {
    const homes = Object.fromEntries(roles.map((role) => [role, homeFor(role)]));
    expect(homes).toEqual({
      admin: '/audit',
      it: '/imports',
      teacher: '/teacher',
      family_center: '/cases',
      rule_editor: '/rules',
    });
    for (const role of roles) {
      expect(navFor(role).map((item) => item.href)).toContain(homeFor(role));
    }
  });
});
