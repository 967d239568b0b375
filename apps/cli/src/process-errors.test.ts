import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, onStdoutClosed } from './process-errors';

const withCode = (code: string, cause?: unknown) =>
  Object.assign(new Error('database is locked', cause === undefined ? {} : { cause }), { code });

describe('isDatabaseBusy', () => {
  it('recognises SQLite busy/locked and PostgreSQL lock conflicts, also as a cause', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '55P03'])
      expect(isDatabaseBusy(withCode(code))).toBe(true);
    expect(isDatabaseBusy(withCode('query_failed', withCode('SQLITE_BUSY_SNAPSHOT')))).toBe(true);
    for (const other of [withCode('SQLITE_CONSTRAINT_UNIQUE'), new Error('x'), null, 'BUSY'])
      expect(isDatabaseBusy(other)).toBe(false);
  });
});

describe('onStdoutClosed', () => {
  it('exits 0 on EPIPE and 1 (code only on stderr) on any other write error', () => {
    const codes: number[] = [];
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    onStdoutClosed(stdout, stderr, (code) => codes.push(code));
    stdout.emit('error', withCode('EPIPE'));
    stdout.emit('error', withCode('ENOSPC'));
    expect(codes).toEqual([0, 1]);
    expect(String(stderr.read())).toBe('mimamori: cannot write output: ENOSPC\n');
  });
});
