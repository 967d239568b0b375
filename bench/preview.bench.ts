/**
 * `pnpm bench:preview`: the what-if preview at the API (in-process `app.request`, the full
 * middleware stack: session, CSRF, access, validation) over the synthetic village.
 * Builds the village database once through the real connectors (generateVillage + importFile,
 * cached in .tmp/bench/ per village size and schema), then measures:
 *   - threshold moves (cached points re-levelled): target p50 < 100 ms
 *   - rule changes (a draft scored over the cached fact columns): target p50 < 500 ms
 * BENCH_CHILDREN (default 100000) and BENCH_ROUNDS (default 40) change the size. Exits 1 when a
 * request fails or a target is missed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDatabase, createUser, migrateToLatest, tableCounts } from '../packages/db/src/index';
import { createPseudonymizer } from '../packages/identity/src/index';
import { discoverConnectors, loadDemoVillage } from '../packages/pipeline/src/index';
import { createApp, createPasswordHasher, createProductionDeps } from '../apps/api/src/index';

const root = resolve(import.meta.dirname, '..');
const children = Number(process.env.BENCH_CHILDREN ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 40);
const asOf = '2026-04-01';
const password = 'bench-only-password-0123456789';
const targets = { threshold: 100, rule: 500 };

function schemaKey(): string {
  const dir = join(root, 'packages/db/src/migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 12);
}

/** The village database, built once per size and schema (about 90 s for 100,000 children). */
async function villageDatabase(ruleSet: { id: string; title: { ja: string; en: string } }) {
  const dir = join(root, '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `preview-${children}-${schemaKey()}.db`);
  if (!existsSync(file)) {
    const building = `${file}.building`;
    rmSync(building, { force: true });
    const database = createDatabase({ file: building });
    await migrateToLatest(database.db);
    const started = performance.now();
    console.log(`building the ${children}-child village (once) …`);
    await loadDemoVillage(
      {
        db: database.db,
        pseudonymize: createPseudonymizer('bench-only-pseudonym-key-0123456789abcdef'),
        asOf,
        ageRange: [3, 15],
      },
      { connectors: await discoverConnectors(root), children, seed: 1, ruleSet },
    );
    const hasher = createPasswordHasher();
    await createUser(database.db, {
      username: 'bench-editor',
      passwordHash: await hasher.hash(password),
      role: 'rule_editor',
      school: null,
      displayName: 'bench',
    });
    await database.close();
    renameSync(building, file);
    console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s: ${file}`);
  }
  return createDatabase({ file });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<number> {
  const document = JSON.parse(readFileSync(join(root, 'rules/demo.rules.json'), 'utf8')) as {
    id: string;
    title: { ja: string; en: string };
    rules: { event: { params: { points: number } } }[];
    types: { id: string; levels: { id: string; minPoints: number }[] }[];
  };
  const database = await villageDatabase(document);
  try {
    const counts = await tableCounts(database.db);
    const deps = createProductionDeps({
      db: database.db,
      connectors: new Map(),
      pseudonymize: createPseudonymizer('bench-only-pseudonym-key-0123456789abcdef'),
      asOf,
      ageRange: [3, 15],
    });
    const app = createApp(deps, { log: () => undefined });
    const origin = 'http://localhost';
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-editor', password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let errors = 0;
    async function preview(body: unknown): Promise<number> {
      const started = performance.now();
      const res = await app.request('/api/preview', {
        method: 'POST',
        headers: { origin, cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      if (res.status !== 200) errors += 1;
      return performance.now() - started;
    }
    const type = document.types[0];
    if (type === undefined) throw new Error('the demo rule set has no types');
    const cold = await preview({ ruleSetId: document.id });
    console.log(
      `preview bench: ${counts.children} children, ${document.rules.length} rules, ${rounds} rounds; first request (builds the cache) ${cold.toFixed(0)} ms`,
    );
    const results: Record<keyof typeof targets, number[]> = { threshold: [], rule: [] };
    for (let i = 0; i < rounds; i += 1) {
      const levels = { [type.id]: { [type.levels[0]?.id ?? 'watch']: 2 + (i % 8) } };
      results.threshold.push(await preview({ ruleSetId: document.id, levels }));
    }
    for (let i = 0; i < Math.max(5, Math.floor(rounds / 2)); i += 1) {
      const draft = structuredClone(document);
      const rule = draft.rules[i % draft.rules.length];
      if (rule !== undefined) rule.event.params.points += 1 + (i % 3);
      results.rule.push(await preview({ ruleSetId: document.id, document: draft }));
    }
    let missed = 0;
    for (const [kind, times] of Object.entries(results) as [keyof typeof targets, number[]][]) {
      const sorted = [...times].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const ok = p50 < targets[kind];
      if (!ok) missed += 1;
      console.log(
        `${kind === 'threshold' ? 'threshold move' : 'rule change   '}  p50 ${p50.toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  (target p50 < ${targets[kind]} ms: ${ok ? 'ok' : 'MISSED'})`,
      );
    }
    console.log(`errors ${errors}`);
    return errors === 0 && missed === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
