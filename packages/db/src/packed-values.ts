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

/** Code units per joined chunk of texts: 128 KiB or more, past V8's largest young object. */
const chunkLength = 1 << 17;

const tagNull = 0;
const tagNumber = 1;
const tagText = 2;
const tagOther = 3;

/**
 * Packs values one by one, straight into the typed arrays: for callers that would otherwise build
 * an array of millions of values only to pack it.
 * @example const w = new ValuePacker(n); for (const v of row) w.add(v); worker.postMessage(w.packed());
 */
export class ValuePacker {
  readonly #tags: Uint8Array;
  readonly #numbers: Float64Array;
  readonly #lengths: Uint32Array;
  /** Texts added since the last chunk. */
  #texts: string[] = [];
  /** Their length in code units. */
  #pending = 0;
  /**
   * Texts joined so far, a chunk per {@link chunkLength} code units: each value is then held only
   * until its chunk is joined, and dies young instead of being copied by every young collection
   * until the last value is added (a chunk this long is allocated outside the young generation).
   */
  readonly #chunks: string[] = [];
  readonly #others: unknown[] = [];
  #count = 0;

  /** `capacity`: how many values will be added (at most). */
  constructor(capacity: number) {
    this.#tags = new Uint8Array(capacity);
    this.#numbers = new Float64Array(capacity);
    this.#lengths = new Uint32Array(capacity);
  }

  /** Adds one value (null/undefined become null). */
  add(value: unknown): void {
    const i = this.#count++;
    if (value === null || value === undefined) this.#tags[i] = tagNull;
    else if (typeof value === 'number') {
      this.#tags[i] = tagNumber;
      this.#numbers[i] = value;
    } else if (typeof value === 'string') {
      this.#tags[i] = tagText;
      this.#lengths[i] = value.length;
      this.#texts.push(value);
      this.#pending += value.length;
      if (this.#pending >= chunkLength) {
        this.#chunks.push(this.#texts.join(''));
        this.#texts = [];
        this.#pending = 0;
      }
    } else {
      this.#tags[i] = tagOther;
      this.#others.push(value);
    }
  }

  /** The values added so far, packed. */
  packed(): PackedValues {
    const n = this.#count;
    const whole = n === this.#tags.length;
    return {
      tags: whole ? this.#tags : this.#tags.slice(0, n),
      numbers: whole ? this.#numbers : this.#numbers.slice(0, n),
      lengths: whole ? this.#lengths : this.#lengths.slice(0, n),
      text: this.#chunks.concat(this.#texts).join(''),
      others: this.#others,
    };
  }
}

/**
 * Packs `values` (null/undefined become null).
 * @example worker.postMessage(packValues(row), packedBuffers(packed));
 */
export function packValues(values: readonly unknown[]): PackedValues {
  const packer = new ValuePacker(values.length);
  for (const value of values) packer.add(value);
  return packer.packed();
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
