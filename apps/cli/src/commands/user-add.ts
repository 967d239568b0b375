import { checkPassword, createPasswordHasher, roles, type Role } from '@mimamori/api';
import { appendAudit, createUser, findUserByUsername } from '@mimamori/db';
import { CliError, defineCommand, readStdin, stringOption } from '../command';
import { openRuntime } from '../runtime';

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** `mimamori user add`: creates a staff account; the password comes on stdin, never argv. */
export const userAddCommand = defineCommand({
  path: ['user', 'add'],
  summary: 'create a staff account (password on stdin; argon2id; the password policy applies)',
  usage: `user add --username U --role ${roles.join('|')} [--school S] [--display-name N]`,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    school: { type: 'string' },
    'display-name': { type: 'string' },
  },
  allowPositionals: false,
  async run(args, io) {
    const username = stringOption(args, 'username');
    const role = stringOption(args, 'role');
    const school = stringOption(args, 'school') ?? null;
    if (username === undefined || !/^[A-Za-z0-9_.-]{3,64}$/.test(username))
      throw new CliError('usage', '--username expects 3–64 letters, digits, _ . or -');
    if (role === undefined || !isRole(role))
      throw new CliError('usage', `--role expects one of ${roles.join(', ')}`);
    if (role === 'teacher' && school === null)
      throw new CliError('usage', 'a teacher needs --school (the one school they may see)');
    if (role !== 'teacher' && school !== null)
      throw new CliError('usage', '--school applies to teachers only');
    // One line: the password, without its line ending (e.g. `printf '%s\n' "$PW" | mimamori …`).
    const password = (await readStdin(io.stdin)).replace(/\r?\n$/, '');
    const problems = checkPassword(username, password);
    if (problems.length > 0) {
      throw new CliError('failed', `the password is not accepted: ${problems.join(', ')}`);
    }
    const runtime = await openRuntime(io);
    try {
      const { db } = runtime.database;
      if ((await findUserByUsername(db, username)) !== undefined)
        throw new CliError('failed', `a user named '${username}' already exists`);
      const user = await createUser(db, {
        username,
        passwordHash: await createPasswordHasher().hash(password),
        role,
        school,
        displayName: stringOption(args, 'display-name') ?? username,
      });
      await appendAudit(db, {
        actorId: null,
        actorRole: 'cli',
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        ip: null,
        details: { role, school },
      });
      io.stdout.write(
        `created user ${username} (${role}${school === null ? '' : `, ${school}`})\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
