import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey, type Access } from './access';
import { docsAccess } from './routes/docs';
import { roles, type Role } from './roles';
import { createTestApp, type TestApp } from './testing/test-app';

type Operations = Record<string, Record<string, { 'x-access'?: Access; requestBody?: unknown }>>;
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const loginOf: Record<Role, string> = {
  admin: 'admin1',
  rule_editor: 'editor1',
  family_center: 'center1',
  teacher: 'teacher1',
  it: 'it1',
};

/** Every operation in the document, with its declared access. */
function operations(doc: { paths: Operations }) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        access: op['x-access'],
        body: op.requestBody !== undefined,
      })),
  );
}

describeEachDatabase('route × role matrix (from /api/openapi.json)', (getDb) => {
  let t: TestApp;
  let doc: { paths: Operations };
  const cookies = new Map<Role, string>();
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Operations };
    for (const role of roles) cookies.set(role, await t.login(loginOf[role]));
  });

  it('declares an access rule on every operation (deny by default)', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops) {
      expect(op.access, `${op.method} ${op.path} has no x-access`).toBeDefined();
      const access = op.access as Access;
      if (!('public' in access)) {
        expect(access.roles.length).toBeGreaterThan(0);
        for (const role of access.roles) expect(roles).toContain(role);
      }
    }
  });

  it('registers no route outside the document and the documented plain routes', () => {
    const documented = new Set([
      ...operations(doc).map((op) => routeKey(op.method, op.path)),
      ...Object.keys(docsAccess).map((k) => routeKey(k.split(' ')[0]!, k.split(' ')[1]!)),
    ]);
    const registered = t.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => routeKey(r.method, r.path));
    for (const key of registered)
      expect(documented, `${key} is routed but declares no access`).toContain(key);
  });

  it('keeps scores away from IT and personal data away from everyone but the family center', () => {
    for (const op of operations(doc)) {
      const access = op.access as Access;
      if ('public' in access) continue;
      if (/^\/api\/(children|runs|preview|kpis|cases|sheets|overrides)/.test(op.path))
        expect(access.roles, op.path).not.toContain('it');
      if (op.path.endsWith('/personal')) expect(access.roles).toEqual(['family_center']);
    }
  });

  it('answers 401 / 403 / allowed exactly as declared, for every route × role and anonymous', async () => {
    for (const op of operations(doc)) {
      const access = op.access as Access;
      const path = op.path.replace(/\{[^}]+\}/g, 'zz1');
      for (const who of [...roles, null] as const) {
        let cookie = who === null ? undefined : cookies.get(who);
        if (who !== null && op.path.startsWith('/api/auth/logout'))
          cookie = await t.login(loginOf[who]);
        const res = await t.call(op.method, path, {
          ...(cookie === undefined ? {} : { cookie }),
          ...(op.body ? { json: {} } : {}),
        });
        if (who !== null && op.path.startsWith('/api/auth/logout'))
          cookies.set(who, await t.login(loginOf[who]));
        const label = `${op.method} ${op.path} as ${who ?? 'anonymous'} → ${res.status}`;
        expect(res.status, label).toBeLessThan(500);
        if (res.status >= 400)
          expect(res.headers.get('content-type'), label).toBe('application/problem+json');
        const allowed = 'public' in access || (who !== null && access.roles.includes(who));
        if (allowed) expect([401, 403], label).not.toContain(res.status);
        else expect(res.status, label).toBe(who === null ? 401 : 403);
      }
    }
  });
});

describe('routeKey', () => {
  it('normalises OpenAPI and Hono paths alike', () => {
    expect(routeKey('get', '/api/children/{id}/')).toBe('GET /api/children/:id');
    expect(routeKey('GET', '/api/children/:id')).toBe('GET /api/children/:id');
  });
});
