// Matching people by their key (normalized document number) across 100,000-row batches without
// paying memory latency per row. Nearly every key is an 18-character 公民身份号码, read once into
// an exact integer (packedId); a batch's integers are radix-sorted, so duplicates sit side by side
// and the roster (sorted the same way, once per roster) is joined in one forward pass. Hash tables
// touch a random cache line per row — at this size that, not arithmetic, is what a batch costs.
// Keys that do not pack (passports, permits, malformed numbers) go through Maps. Two keys match
// exactly when the strings are equal.
import { packedId } from '../ids';

const TWO_POW_32 = 4_294_967_296;
const DIGIT_BITS = 13;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/** Packed keys in ascending order, each with the position it came from. */
export interface SortedKeys {
  /** High and low 32 bits of each packed key (packed keys are below 2^51). */
  high: Uint32Array;
  low: Uint32Array;
  /** The position (row or roster index) each sorted key came from. */
  from: Int32Array;
  length: number;
}

/**
 * Sorts the non-zero entries of `packed`, stably: an LSD radix sort (four passes of 13 bits, a
 * pass skipped when every key has the same digit there), or for a few keys an insertion sort.
 */
export function sortPacked(packed: Float64Array): SortedKeys {
  let count = 0;
  for (let i = 0; i < packed.length; i++) if (packed[i] !== 0) count++;
  let high = new Uint32Array(count);
  let low = new Uint32Array(count);
  let from = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < packed.length; i++) {
    const p = packed[i]!;
    if (p === 0) continue;
    const h = Math.floor(p / TWO_POW_32);
    high[at] = h;
    low[at] = p - h * TWO_POW_32;
    from[at] = i;
    at++;
  }
  if (count <= SMALL) {
    insertionSort(high, low, from);
    return { high, low, from, length: count };
  }
  let high2 = new Uint32Array(count);
  let low2 = new Uint32Array(count);
  let from2 = new Int32Array(count);
  const starts = new Int32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    starts.fill(0);
    for (let i = 0; i < count; i++) starts[digit(pass, high[i]!, low[i]!)]!++;
    let sum = 0;
    let skip = false;
    for (let b = 0; b < BUCKETS; b++) {
      const c = starts[b]!;
      if (c === count) skip = true;
      starts[b] = sum;
      sum += c;
    }
    if (skip) continue;
    for (let i = 0; i < count; i++) {
      const to = starts[digit(pass, high[i]!, low[i]!)]!++;
      high2[to] = high[i]!;
      low2[to] = low[i]!;
      from2[to] = from[i]!;
    }
    [high, high2] = [high2, high];
    [low, low2] = [low2, low];
    [from, from2] = [from2, from];
  }
  return { high, low, from, length: count };
}

/** Below this many keys a plain insertion sort beats four passes over 8,192 buckets. */
const SMALL = 256;

/** Stable in-place insertion sort of the keys (with their positions). */
function insertionSort(high: Uint32Array, low: Uint32Array, from: Int32Array): void {
  for (let i = 1; i < high.length; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const f = from[i]!;
    let j = i - 1;
    while (j >= 0 && compare(high[j]!, low[j]!, h, l) > 0) {
      high[j + 1] = high[j]!;
      low[j + 1] = low[j]!;
      from[j + 1] = from[j]!;
      j--;
    }
    high[j + 1] = h;
    low[j + 1] = l;
    from[j + 1] = f;
  }
}

/** The pass's 13-bit digit of the 52-bit number high·2^32 + low. */
function digit(pass: number, high: number, low: number): number {
  switch (pass) {
    case 0:
      return low & DIGIT_MASK;
    case 1:
      return (low >>> DIGIT_BITS) & DIGIT_MASK;
    case 2:
      return (low >>> (2 * DIGIT_BITS)) | ((high & 0x7f) << (32 - 2 * DIGIT_BITS));
    default:
      return (high >>> 7) & DIGIT_MASK;
  }
}

/** -1 when a < b, 0 when equal, 1 when a > b (keys given by their halves). */
function compare(ah: number, al: number, bh: number, bl: number): number {
  if (ah !== bh) return ah < bh ? -1 : 1;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

/**
 * Where the last of the keys equal to (h, l) came from, looking from sorted place `at` on; -1 when
 * the key there is another. Equal keys sit together in the order they were given, and the last one
 * wins, as a Map's set would.
 */
function lastOfRun(sorted: SortedKeys, at: number, h: number, l: number): number {
  let found = -1;
  for (let k = at; k < sorted.length && sorted.high[k] === h && sorted.low[k] === l; k++) {
    found = sorted.from[k]!;
  }
  return found;
}

/** People by key: the roster as the checks see it. Built once per roster. */
export class PeopleByKey<V> {
  private readonly sorted: SortedKeys;
  private readonly others = new Map<string, V>();

  constructor(
    private readonly values: readonly V[],
    keyOf: (value: V) => string,
  ) {
    const packed = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const key = keyOf(values[i]!);
      const p = packedId(key);
      packed[i] = p;
      // The last of equal keys wins, as a Map's set would.
      if (p === 0) this.others.set(key, values[i]!);
    }
    this.sorted = sortPacked(packed);
  }

  /** The value of one key (a binary search; a batch uses match instead). */
  get(key: string): V | undefined {
    const p = packedId(key);
    if (p === 0) return this.others.get(key);
    const h = Math.floor(p / TWO_POW_32);
    const l = p - h * TWO_POW_32;
    const { high, low } = this.sorted;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(high[mid]!, low[mid]!, h, l) < 0) lo = mid + 1;
      else hi = mid;
    }
    const found = lastOfRun(this.sorted, lo, h, l);
    return found < 0 ? undefined : this.values[found];
  }

  /**
   * For each batch row, the value its key has here (undefined when none), found in one merge of
   * the batch's sorted keys with these. `sorted` is sortPacked of the batch's packed keys;
   * `keys[i]` is row i's key, used for rows whose key did not pack.
   */
  match(keys: readonly string[], packed: Float64Array, sorted: SortedKeys): (V | undefined)[] {
    const out = new Array<V | undefined>(keys.length).fill(undefined);
    const mine = this.sorted;
    let j = 0;
    for (let a = 0; a < sorted.length; a++) {
      const h = sorted.high[a]!;
      const l = sorted.low[a]!;
      while (j < mine.length && compare(mine.high[j]!, mine.low[j]!, h, l) < 0) j++;
      const found = lastOfRun(mine, j, h, l);
      if (found >= 0) out[sorted.from[a]!] = this.values[found];
    }
    if (this.others.size > 0) {
      for (let i = 0; i < keys.length; i++) {
        if (packed[i] === 0 && keys[i] !== '') out[i] = this.others.get(keys[i]!);
      }
    }
    return out;
  }
}

/**
 * For each row, the first earlier row with the same key, or -1. `keys[i]` is '' for a row
 * without one (never a duplicate); `sorted` is sortPacked of `packed`.
 */
export function firstRowsWithSameKey(
  keys: readonly string[],
  packed: Float64Array,
  sorted: SortedKeys,
): Int32Array {
  const first = new Int32Array(keys.length).fill(-1);
  // The sort is stable, so the first of a run of equal keys is its earliest row.
  let runStart = 0;
  for (let a = 1; a < sorted.length; a++) {
    if (sorted.high[a] === sorted.high[a - 1] && sorted.low[a] === sorted.low[a - 1]) {
      first[sorted.from[a]!] = sorted.from[runStart]!;
    } else runStart = a;
  }
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < keys.length; i++) {
    if (packed[i] !== 0 || keys[i] === '') continue;
    seen ??= new Map();
    const before = seen.get(keys[i]!);
    if (before === undefined) seen.set(keys[i]!, i);
    else first[i] = before;
  }
  return first;
}
