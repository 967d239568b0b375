import { describeEachDatabase } from '@mimamori/db/testing';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Access } from './access';
import type { Role } from './roles';
import { createTestApp, type TestApp } from './testing/test-app';

type Op = { path: string; method: string; access: Access };
const loginOf: Record<Role, string> = {
  admin: 'admin1',
  rule_editor: 'editor1',
  family_center: 'center1',
  teacher: 'teacher1',
  it: 'it1',
};

const trickySegments = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%2f',
  '%5c',
  '%00',
  'a%2Fb',
  '%E0%A4%A',
  '%',
  'x'.repeat(5000),
  'ｘ',
  '😀',
  '%F0%9F%98%80',
  "'; drop table users;--",
  '<script>',
  '${x}',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
];
const segment = fc.oneof(
  fc.constantFrom(...trickySegments),
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.string({ maxLength: 20 }),
);
const huge = fc.constantFrom(
  'x'.repeat(1024 * 1024 + 10),
  JSON.stringify({ a: 'y'.repeat(1024 * 1024) }),
  '['.repeat(100_000),
);
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.anything({ maxDepth: 3 }).map((v) => {
    try {
      return JSON.stringify(v) ?? 'undefined';
    } catch {
      return '{';
    }
  }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{',
    '{"a":',
    'null',
    '[]',
    '{"__proto__":{"admin":true}}',
    '{"username":1,"password":[]}',
    '\u0000',
    '\uFEFF{}',
  ),
);
const body = fc.oneof({ weight: 8, arbitrary: jsonish }, { weight: 1, arbitrary: huge });
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=xyz',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  undefined,
);
const query = fc.array(
  fc.tuple(
    fc.constantFrom(
      'limit',
      'offset',
      'school',
      'grade',
      'level',
      'type',
      'from',
      'to',
      'runId',
      'x',
    ),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('-1', '1e9', 'NaN', '9'.repeat(400), ''),
    ),
  ),
  { maxLength: 4 },
);

describeEachDatabase('fuzz every route from the OpenAPI document', (getDb) => {
  let t: TestApp;
  let ops: Op[];
  const cookies = new Map<Role, string>();
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-access': Access }>>;
    };
    ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        path,
        method: method.toUpperCase(),
        access: op['x-access'],
      })),
    );
    for (const role of Object.keys(loginOf) as Role[])
      cookies.set(role, await t.login(loginOf[role]));
  });

  async function check(
    op: Op,
    authenticated: boolean,
    seg: string,
    payload: string,
    type: string | undefined,
    params: [string, string][],
  ) {
    const role = 'roles' in op.access ? op.access.roles[0] : undefined;
    const cookie =
      authenticated && role !== undefined && !op.path.startsWith('/api/auth/logout')
        ? cookies.get(role)
        : undefined;
    const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const path = op.path.replace(/\{[^}]+\}/g, seg) + (qs === '' ? '' : `?${qs}`);
    const headers: Record<string, string> = {};
    if (type !== undefined) headers['content-type'] = type;
    const withBody = op.method !== 'GET';
    const res = await t.call(op.method, path, {
      headers,
      ...(cookie === undefined ? {} : { cookie }),
      ...(withBody ? { body: payload } : {}),
    });
    const label = `${op.method} ${path.slice(0, 120)} (${authenticated ? role : 'anonymous'}) → ${res.status}`;
    expect(res.status, label).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), label).toBe('application/problem+json');
      const problem = (await res.json()) as { code?: unknown; status?: unknown };
      expect(typeof problem.code, label).toBe('string');
      expect(problem.status, label).toBe(res.status);
    } else {
      await res.arrayBuffer();
    }
  }

  for (const authenticated of [true, false]) {
    it(`never answers 5xx (${authenticated ? 'allowed role' : 'anonymous'})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          segment,
          body,
          contentType,
          query,
          async (n, seg, payload, type, params) => {
            await check(ops[n % ops.length]!, authenticated, seg, payload, type, params);
          },
        ),
        { numRuns: 400 },
      );
      const me = await t.call('GET', '/api/auth/me', { cookie: cookies.get('admin')! });
      expect(me.status).toBe(200);
    });
  }

  it('survives the same fuzz at every single operation', async () => {
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(segment, body, contentType, async (seg, payload, type) =>
          check(op, true, seg, payload, type, []),
        ),
        { numRuns: 6 },
      );
    }
    expect(
      (await t.call('GET', '/api/auth/me', { cookie: cookies.get('family_center')! })).status,
    ).toBe(200);
  });
});
