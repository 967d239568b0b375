const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** MS-DOS date for 1980-01-01 (the earliest a ZIP can hold) and time 00:00:00. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

function findEndOfCentralDirectory(view: DataView): number {
  // The EOCD record is 22 bytes plus an optional comment of up to 65,535 bytes.
  const last = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= last; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

/**
 * Sets every entry's modification time in a ZIP to a fixed value, in place, so the same content
 * gives the same bytes (JSZip stamps entries with the current time). Returns false if the ZIP
 * structure is not as expected.
 */
export function fixZipTimestamps(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return false;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let e = 0; e < entries; e++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) return false;
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL) return false;
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return true;
}
