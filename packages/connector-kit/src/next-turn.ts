/**
 * Resolves on the event loop's next turn, after the I/O and timers waiting meanwhile. Long
 * synchronous work (reading, linking and storing an import of hundreds of thousands of rows)
 * awaits it every few thousand rows, so a server running it goes on answering other requests.
 * Promises alone never let the loop turn: an `await` of a settled promise runs on at once.
 * @example for (let i = 0; i < rows.length; i++) { if (i % rowsPerTurn === rowsPerTurn - 1) await nextTurn(); use(rows[i]); }
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rows (or records) worked through between two {@link nextTurn}s: a few milliseconds' work. */
export const rowsPerTurn = 2048;
