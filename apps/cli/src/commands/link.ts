import { relinkAll, type LinkageReport } from '@mimamori/pipeline';
import { defineCommand } from '../command';
import { openRuntime } from '../runtime';

/** The linkage report as `key<TAB>count` lines. */
export function formatLinkageReport(report: LinkageReport): string {
  const lines = [`records\t${report.total}`];
  for (const [method, count] of Object.entries(report.linked).sort())
    lines.push(`linked\t${method}\t${count}`);
  lines.push(`ambiguous\t${report.ambiguous}`, `unmatched\t${report.unmatched}`);
  return lines.join('\n') + '\n';
}

/** `mimamori link [--report]`: re-links every record and re-derives facts. */
export const linkCommand = defineCommand({
  path: ['link'],
  summary:
    're-link every record to the roster (staff decisions first) and print the linkage report',
  usage: 'link [--report]',
  options: { report: { type: 'boolean' } },
  allowPositionals: false,
  async run(args, io) {
    const runtime = await openRuntime(io);
    try {
      const report = await relinkAll(runtime.ctx);
      if (args.values['report'] === true) io.stdout.write(formatLinkageReport(report));
      else
        io.stdout.write(
          `linked ${Object.values(report.linked).reduce((a, b) => a + b, 0)} of ${report.total}\n`,
        );
      return 0;
    } finally {
      await runtime.close();
    }
  },
});
