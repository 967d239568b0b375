import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createApp,
  createPasswordHasher,
  createProductionDeps,
  createServer,
  startCaseworkTimers,
  type Role,
  type ServerOptions,
} from '@mimamori/api';
import {
  appendAudit,
  createUser,
  findUserByUsername,
  listChildren,
  openSqliteWriter,
  resetLoginFailures,
  updateUser,
  type Db,
} from '@mimamori/db';
import { loadDemoVillage, type PipelineContext } from '@mimamori/pipeline';
import { CliError, defineCommand, stringOption, type CommandIo } from '../command';
import { checkAsOf, openRuntime, repoRoot, type Runtime } from '../runtime';

/**
 * The demo's staff: one account per role (the teacher sees school E01), and a second rule
 * editor, because a rule set may require a second person's approval to publish.
 */
const demoUsers: readonly { username: string; role: Role; school: string | null }[] = [
  { username: 'demo-admin', role: 'admin', school: null },
  { username: 'demo-editor', role: 'rule_editor', school: null },
  { username: 'demo-editor2', role: 'rule_editor', school: null },
  { username: 'demo-center', role: 'family_center', school: null },
  { username: 'demo-teacher', role: 'teacher', school: 'E01' },
  { username: 'demo-it', role: 'it', school: null },
];
const demoChildren = 600;
const demoSeed = 1;

/** April 1st of the school year `today` falls in (Japanese school years start in April). */
export function schoolYearStart(today: Date): string {
  const year = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  return `${year}-04-01`;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new CliError('usage', '--port (or PORT) expects a port number 0–65535');
  return Number(raw);
}

/**
 * MIMAMORI_TRUST_PROXY: set to 1 when a reverse proxy (TLS) sits in front, so that sign-in limits
 * count each client's address (the last `X-Forwarded-For` hop) instead of the proxy's.
 */
function parseTrustProxy(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new CliError('usage', 'MIMAMORI_TRUST_PROXY expects 1 or 0');
}

/** Loads the demo village when the database has no children yet; true when it did. */
async function ensureDemoVillage(runtime: Runtime, io: CommandIo): Promise<boolean> {
  if ((await listChildren(runtime.database.db, { limit: 1 })).length > 0) return false;
  const ruleSet = JSON.parse(readFileSync(join(repoRoot, 'rules', 'demo.rules.json'), 'utf8')) as {
    id: string;
    title: { ja: string; en: string };
  } & Record<string, unknown>;
  io.stderr.write(
    `serve: loading the demo village (${demoChildren} children, seed ${demoSeed}) …\n`,
  );
  // On a SQLite file the files are stored through a writer thread, as big imports are.
  const file = runtime.database.file;
  const writer = file === undefined ? null : openSqliteWriter(file);
  const ctx: PipelineContext = {
    ...runtime.ctx,
    actor: { id: null, role: 'demo' },
    ...(writer ? { writer: writer.db } : {}),
  };
  const loaded = await loadDemoVillage(ctx, {
    connectors: runtime.connectors,
    children: demoChildren,
    seed: demoSeed,
    ruleSet,
  }).finally(() => writer?.close());
  io.stderr.write(`serve: demo village loaded: ${loaded.counts.judged} children judged\n`);
  return true;
}

/** Creates the demo accounts, or gives existing ones new passwords; returns the passwords. */
async function resetDemoUsers(
  db: Db,
): Promise<{ username: string; role: Role; password: string }[]> {
  const hasher = createPasswordHasher();
  const out: { username: string; role: Role; password: string }[] = [];
  for (const user of demoUsers) {
    const password = randomBytes(15).toString('base64url');
    const passwordHash = await hasher.hash(password);
    const existing = await findUserByUsername(db, user.username);
    if (existing === undefined) {
      await createUser(db, { ...user, passwordHash, displayName: user.username });
    } else {
      await updateUser(db, existing.id, {
        passwordHash,
        disabled: false,
        role: user.role,
        school: user.school,
      });
      await resetLoginFailures(db, existing.id);
    }
    out.push({ username: user.username, role: user.role, password });
  }
  await appendAudit(db, {
    actorId: null,
    actorRole: 'cli',
    action: 'demo.users.reset',
    targetType: null,
    targetId: null,
    ip: null,
    details: { usernames: demoUsers.map((u) => u.username) },
  });
  return out;
}

/** The SvelteKit admin UI (adapter-node's `handler`), or undefined with a message when not built. */
async function adminHandler(io: CommandIo): Promise<ServerOptions['fallback']> {
  const file = join(repoRoot, 'apps', 'admin', 'build', 'handler.js');
  if (!existsSync(file)) {
    io.stderr.write(
      'serve: the admin UI is not built, serving the API only. Build it with `pnpm --filter @mimamori/admin build`.\n',
    );
    return undefined;
  }
  const mod = (await import(pathToFileURL(file).href)) as { handler?: ServerOptions['fallback'] };
  if (typeof mod.handler !== 'function') throw new CliError('failed', `${file} exports no handler`);
  return mod.handler;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    function stop(signal: NodeJS.Signals) {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    }
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `mimamori serve`: the API under /api and the admin UI on one port until SIGINT/SIGTERM. */
export const serveCommand = defineCommand({
  path: ['serve'],
  summary:
    'serve the API (/api) and the admin UI on one port; --demo loads the demo village and prints demo credentials',
  usage: 'serve [--port P] [--host H] [--demo]',
  options: { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
  allowPositionals: false,
  async run(args, io) {
    const port = parsePort(stringOption(args, 'port') ?? io.env['PORT']);
    const host = stringOption(args, 'host') ?? '127.0.0.1';
    const trustProxy = parseTrustProxy(io.env['MIMAMORI_TRUST_PROXY']);
    const asOf =
      checkAsOf(io.env['MIMAMORI_AS_OF'], 'MIMAMORI_AS_OF') ?? schoolYearStart(new Date());
    const runtime = await openRuntime(io, { asOf });
    try {
      const { db } = runtime.database;
      if (args.values['demo'] === true) {
        const loaded = await ensureDemoVillage(runtime, io);
        const users = await resetDemoUsers(db);
        io.stdout.write(
          `demo ${loaded ? 'loaded' : 'already loaded'}; sign in with (new passwords at every start):\n`,
        );
        for (const u of users)
          io.stdout.write(`demo user\t${u.role}\t${u.username}\t${u.password}\n`);
      }
      const deps = createProductionDeps({
        db,
        connectors: runtime.connectors,
        pseudonymize: runtime.ctx.pseudonymize,
        asOf,
        ageRange: runtime.ctx.ageRange,
      });
      // Scheduled judgement runs and the daily retention purge; every instance may run them
      // (schedule_locks lets each slot fire once).
      const timers = await startCaseworkTimers({
        db,
        runs: deps.runs,
        onError(error) {
          const code = (error as { code?: unknown } | null)?.code;
          io.stderr.write(
            `serve: background job failed: ${typeof code === 'string' ? code : 'error'}\n`,
          );
        },
      });
      try {
        const fallback = await adminHandler(io);
        const server = createServer({
          app: createApp(deps, { trustProxy }),
          port,
          host,
          ...(fallback === undefined ? {} : { fallback }),
        });
        const signal = waitForSignal();
        const { url } = await server.listen();
        io.stdout.write(`listening on ${url}\n`);
        io.stderr.write(`serve: stopping on ${await signal}\n`);
        timers.stop();
        await server.close();
        await deps.settle();
      } finally {
        timers.stop();
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
