import type { Cell } from '../sources/source';

/** Receives rows and hands back encoded bytes in chunks (so huge villages can stream to disk). */
export interface FileSink {
  add(cells: readonly Cell[]): void;
  /** Bytes ready since the last call (may be empty: XLSX only writes on finish). */
  drain(): Uint8Array[];
  /** Remaining bytes; the sink is done afterwards. */
  finish(): Uint8Array[];
}

/** Concatenates chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
