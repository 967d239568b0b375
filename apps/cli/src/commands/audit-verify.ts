import { verifyAuditChain } from '@mimamori/db';
import { defineCommand } from '../command';
import { openRuntime } from '../runtime';

/** `mimamori audit verify`: recomputes the audit log's hash chain. */
export const auditVerifyCommand = defineCommand({
  path: ['audit', 'verify'],
  summary: 'recompute the audit log hash chain; exit 1 naming the first bad entry',
  usage: 'audit verify',
  options: {},
  allowPositionals: false,
  async run(_args, io) {
    const runtime = await openRuntime(io);
    try {
      const result = await verifyAuditChain(runtime.database.db);
      if (result.ok) {
        io.stdout.write(`ok ${result.count} entries\n`);
        return 0;
      }
      io.stdout.write(`bad seq ${result.firstBadSeq} (${result.reason})\n`);
      io.stderr.write(
        `audit verify: the audit log was changed at entry ${result.firstBadSeq} (${result.reason})\n`,
      );
      return 1;
    } finally {
      await runtime.close();
    }
  },
});
