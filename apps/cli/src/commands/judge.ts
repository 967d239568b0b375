import { judge, readRosterAsOf } from '@mimamori/pipeline';
import { CliError, defineCommand, stringOption } from '../command';
import { explicitAsOf, openRuntime } from '../runtime';

/**
 * `mimamori judge [--as-of DATE]`: scores every child and stores an immutable run. The run is as
 * of the date the roster was imported on (ages are derived then); another date is refused.
 */
export const judgeCommand = defineCommand({
  path: ['judge'],
  summary: 'score every child with the published rule set and store an immutable run',
  usage: 'judge [--as-of YYYY-MM-DD] [--rule-set ID]',
  options: { 'as-of': { type: 'string' }, 'rule-set': { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const flag = stringOption(args, 'as-of');
    const asOf = explicitAsOf(io, flag);
    const runtime = await openRuntime(io, asOf ? { asOf } : {});
    try {
      const rosterAsOf = await readRosterAsOf(runtime.database.db);
      if (asOf !== undefined && rosterAsOf !== undefined && asOf !== rosterAsOf) {
        throw new CliError(
          'usage',
          `${flag !== undefined ? '--as-of' : 'MIMAMORI_AS_OF'} ${asOf} differs from the roster import's as-of date ${rosterAsOf}: ages were derived as of ${rosterAsOf}; re-import the roster as of ${asOf} (import --as-of ${asOf}) to judge as of that date`,
        );
      }
      const ruleSetId = stringOption(args, 'rule-set');
      const { runId, counts } = await judge(runtime.ctx, {
        ...(ruleSetId ? { ruleSetId } : {}),
        ...(asOf ? { asOf } : {}),
      });
      io.stdout.write(`run\t${runId}\njudged\t${counts.judged}\nflagged\t${counts.flagged}\n`);
      for (const [type, levels] of Object.entries(counts.byType).sort()) {
        for (const [level, n] of Object.entries(levels).sort())
          io.stdout.write(`level\t${type}\t${level}\t${n}\n`);
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
