// Child process for the cross-process audit test: appends N entries to a SQLite file.
// Usage: node --import tsx audit-append.fixture.ts FILE N LABEL
import { createDatabase } from '../database';
import { appendAudit } from './audit';

const [file, count, label] = process.argv.slice(2);
const { db, close } = createDatabase({ file: file ?? '' });
for (let i = 0; i < Number(count); i++) {
  await appendAudit(db, {
    actorId: label ?? null,
    actorRole: 'it',
    action: 'test.append',
    targetType: null,
    targetId: String(i),
    ip: null,
  });
}
await close();
