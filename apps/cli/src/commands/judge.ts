import { judge } from '@mimamori/pipeline';
import { CliError, defineCommand, stringOption } from '../command';
import { openRuntime } from '../runtime';

/** `mimamori judge [--as-of DATE]`: scores every child and stores an immutable run. */
export const judgeCommand = defineCommand({
  path: ['judge'],
  summary: 'score every child with the published rule set and store an immutable run',
  usage: 'judge [--as-of YYYY-MM-DD] [--rule-set ID]',
  options: { 'as-of': { type: 'string' }, 'rule-set': { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const asOf = stringOption(args, 'as-of');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new CliError('usage', '--as-of expects YYYY-MM-DD');
    const runtime = await openRuntime(io, asOf ? { asOf } : {});
    try {
      const ruleSetId = stringOption(args, 'rule-set');
      const { runId, counts } = await judge(runtime.ctx, ruleSetId ? { ruleSetId } : {});
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
