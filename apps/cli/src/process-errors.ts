/** SQLite (busy/locked, incl. `SQLITE_BUSY_SNAPSHOT`) and PostgreSQL lock-conflict codes. */
const BUSY_CODE = /^SQLITE_(BUSY|LOCKED)(_[A-Z]+)?$/;
const PG_BUSY_CODES: ReadonlySet<string> = new Set(['40001', '40P01', '55P03']);

/**
 * True when `error` (or any error in its `cause` chain) says another connection holds the
 * database: a retryable conflict, not a bug, so the CLI reports it without a stack trace.
 * @example isDatabaseBusy(Object.assign(new Error(), { code: 'SQLITE_BUSY_SNAPSHOT' })); // true
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 10; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (BUSY_CODE.test(code) || PG_BUSY_CODES.has(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Ends the process quietly when the reader of stdout goes away (EPIPE, e.g. `| head -1`): exit
 * status 0, as for a reader that closed early nothing we were asked for went wrong. Any other
 * stdout error is reported on stderr (code only) with status 1.
 */
export function onStdoutClosed(
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  exit: (code: number) => void,
): void {
  // A closed stderr leaves nowhere to report anything: do not let it crash the command.
  stderr.on('error', function stderrClosed() {});
  stdout.on('error', function stdoutError(error: NodeJS.ErrnoException) {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return exit(0);
    stderr.write(`mimamori: cannot write output: ${error.code ?? 'error'}\n`);
    exit(1);
  });
}
