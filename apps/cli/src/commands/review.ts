import { decideLinkage, listLinkageReview } from '@mimamori/pipeline';
import { CliError, defineCommand, intOption, stringOption } from '../command';
import { openRuntime } from '../runtime';
import { formatLinkageReport } from './link';

/** `mimamori review list`: the linkage review queue (where records came from; never who). */
export const reviewListCommand = defineCommand({
  path: ['review', 'list'],
  summary:
    'list records awaiting linkage review, with candidate children (pseudonymous) and reasons',
  usage: 'review list [--limit N]',
  options: { limit: { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const runtime = await openRuntime(io);
    try {
      const queue = await listLinkageReview(runtime.database.db, {
        limit: intOption(args, 'limit', 100, 1_000_000),
      });
      for (const item of queue) {
        io.stdout.write(
          `${item.recordId}\t${item.connector}\t${item.file}:${item.line}\t${item.status}\t${item.reasons.join('; ')}\n`,
        );
        for (const c of item.candidates) {
          io.stdout.write(
            `\tcandidate\t${c.childId}\t${c.score.toFixed(2)}\t${c.reasons.join('; ')}\n`,
          );
        }
      }
      io.stderr.write(`review: ${queue.length} record(s) awaiting a decision\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
});

/** `mimamori review decide <record> --child ID | --reject | --new`: a staff decision, reused later. */
export const reviewDecideCommand = defineCommand({
  path: ['review', 'decide'],
  summary:
    'confirm a link (--child), or keep a record unlinked (--reject / --new); audited, reused on later imports',
  usage: 'review decide <record-id> (--child CHILD_ID | --reject | --new) [--note TEXT]',
  options: {
    child: { type: 'string' },
    reject: { type: 'boolean' },
    new: { type: 'boolean' },
    note: { type: 'string' },
  },
  allowPositionals: true,
  async run(args, io) {
    const [recordId, ...rest] = args.positionals;
    const childId = stringOption(args, 'child');
    const choices = [
      childId !== undefined,
      args.values['reject'] === true,
      args.values['new'] === true,
    ];
    if (!recordId || rest.length > 0 || choices.filter(Boolean).length !== 1) {
      throw new CliError(
        'usage',
        'expected one record id and exactly one of --child, --reject, --new',
      );
    }
    const decision =
      childId !== undefined ? 'match' : args.values['reject'] === true ? 'reject' : 'new';
    const runtime = await openRuntime(io);
    try {
      const note = stringOption(args, 'note');
      // The decision, the re-link and the audit entry commit together (or not at all).
      const outcome = await decideLinkage(runtime.ctx, { recordId, decision, childId, note });
      if (!outcome.ok) throw new CliError('failed', `decision refused: ${outcome.code}`);
      io.stdout.write(formatLinkageReport(outcome.report));
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
