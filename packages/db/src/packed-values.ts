/**
 * Many primitive values in a form that crosses between threads cheaply: one string holding every
 * text value back to back, their lengths and the numbers in typed arrays (moved, not copied),
 * and anything else (rare: bigint, buffers) cloned as usual. Structured-cloning an array of
 * thousands of strings costs several times more.
 */
export interface PackedValues {
  tags: Uint8Array;
  numbers: Float64Array;
  lengths: Uint32Array;
  text: string;
  others: unknown[];
}

const tagNull = 0;
const tagNumber = 1;
const tagText = 2;
const tagOther = 3;

/**
 * Packs `values` (null/undefined become null).
 * @example worker.postMessage(packValues(row), packedBuffers(packed));
 */
export function packValues(values: readonly unknown[]): PackedValues {
  const n = values.length;
  const tags = new Uint8Array(n);
  const numbers = new Float64Array(n);
  const lengths = new Uint32Array(n);
  const texts: string[] = [];
  const others: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined) tags[i] = tagNull;
    else if (typeof value === 'number') {
      tags[i] = tagNumber;
      numbers[i] = value;
    } else if (typeof value === 'string') {
      tags[i] = tagText;
      lengths[i] = value.length;
      texts.push(value);
    } else {
      tags[i] = tagOther;
      others.push(value);
    }
  }
  return { tags, numbers, lengths, text: texts.join(''), others };
}

/** The buffers to move (transfer list) when posting `packed`. */
export function packedBuffers(packed: PackedValues): ArrayBuffer[] {
  return [packed.tags.buffer, packed.numbers.buffer, packed.lengths.buffer] as ArrayBuffer[];
}

/**
 * The values back, in order. Kept in step with the copy in sqlite-writer.ts's worker body.
 * @example const values = unpackValues(message.packed);
 */
export function unpackValues(packed: PackedValues): unknown[] {
  const { tags, numbers, lengths, text, others } = packed;
  const out = new Array<unknown>(tags.length);
  let at = 0;
  let other = 0;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === tagNull) out[i] = null;
    else if (tag === tagNumber) out[i] = numbers[i];
    else if (tag === tagText) {
      const length = lengths[i] as number;
      out[i] = text.slice(at, at + length);
      at += length;
    } else out[i] = others[other++];
  }
  return out;
}
