// Person keys (normalized document numbers) → values, built for batches of 100,000 rows. Nearly
// every key is an 18-character 公民身份号码; such a key is packed into an exact integer and kept in
// an open-addressing table of 32-bit fingerprints (no string hashing or compares, no garbage, and
// small enough to stay in cache: memory latency, not arithmetic, is what a 100,000-row batch
// pays for). Any other key — passports, permits, malformed numbers — goes to a Map. Two
// keys reach the same entry exactly when the strings are equal.
import { digitsAt } from './fields';

/**
 * An 18-character number shaped like a 公民身份号码 (17 digits with year 1900–2099, month 1–12 and
 * day 1–31 at their places, then a digit or X) as a unique integer in [1, 2^50); 0 for any other
 * string. Injective on the strings it accepts: region, date parts, sequence and last character
 * are each packed whole. Whether the number is valid is not its business.
 */
export function packedIdentity(key: string): number {
  if (key.length !== 18) return 0;
  const region = digitsAt(key, 0, 6);
  const year = digitsAt(key, 6, 4);
  const month = digitsAt(key, 10, 2);
  const day = digitsAt(key, 12, 2);
  const sequence = digitsAt(key, 14, 3);
  const lastCode = key.charCodeAt(17);
  const last = lastCode === 88 ? 10 : lastCode - 48;
  if (
    region < 0 ||
    year < 1900 ||
    year > 2099 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    sequence < 0 ||
    last < 0 ||
    last > 10
  ) {
    return 0;
  }
  const date = ((year - 1900) * 13 + month) * 32 + day; // < 200 × 13 × 32 = 83,200
  return ((region * 83_200 + date) * 1000 + sequence) * 11 + last + 1;
}

const TWO_POW_32 = 4_294_967_296;

/** Mixes a packed identity into 32 well-spread bits. */
function mix(code: number): number {
  const low = code | 0; // ToInt32: the low 32 bits, exactly
  const high = (code / TWO_POW_32) | 0;
  return Math.imul(low ^ Math.imul(high ^ (low >>> 15), 0x85ebca6b), 0x9e3779b1);
}

export class PersonKeyMap<V> {
  /**
   * Per slot, a 32-bit fingerprint of the packed identity kept there (0 = free): a probe reads
   * only this array, small enough to stay in the processor's cache for 100,000 people.
   */
  private fingerprints: Int32Array;
  /** Per slot, the index of its entry in `codes` and `values`. */
  private refs: Int32Array;
  /** log2 of the number of slots. */
  private bits: number;
  /** Per entry: its packed identity (checked when a fingerprint matches) and its value. */
  private readonly codes: number[] = [];
  private readonly values: V[] = [];
  private readonly others = new Map<string, V>();

  /** `expected`: about how many keys will be added (the table grows past it if need be). */
  constructor(expected = 8) {
    let bits = 3;
    while (1 << bits < expected * 2 && bits < 29) bits++;
    this.bits = bits;
    this.fingerprints = new Int32Array(1 << bits);
    this.refs = new Int32Array(1 << bits);
  }

  get size(): number {
    return this.values.length + this.others.size;
  }

  get(key: string): V | undefined {
    const code = packedIdentity(key);
    if (code === 0) return this.others.get(key);
    const slot = this.find(code);
    return this.fingerprints[slot] === 0 ? undefined : this.values[this.refs[slot]!];
  }

  /** Adds or replaces the value of `key`. */
  set(key: string, value: V): this {
    const code = packedIdentity(key);
    if (code === 0) this.others.set(key, value);
    else this.put(code, this.find(code), value);
    return this;
  }

  /** The value already kept for `key`; when there is none, keeps `value` and returns undefined. */
  putIfAbsent(key: string, value: V): V | undefined {
    const code = packedIdentity(key);
    if (code === 0) {
      const before = this.others.get(key);
      if (before === undefined) this.others.set(key, value);
      return before;
    }
    const slot = this.find(code);
    if (this.fingerprints[slot] !== 0) return this.values[this.refs[slot]!];
    this.put(code, slot, value);
    return undefined;
  }

  private put(code: number, slot: number, value: V): void {
    if (this.fingerprints[slot] !== 0) {
      this.values[this.refs[slot]!] = value;
      return;
    }
    if ((this.values.length + 1) * 2 > 1 << this.bits) {
      this.grow();
      slot = this.find(code);
    }
    this.fingerprints[slot] = fingerprintOf(code);
    this.refs[slot] = this.values.length;
    this.codes.push(code);
    this.values.push(value);
  }

  /** The slot holding `code`, or the free slot where it would go (linear probing). */
  private find(code: number): number {
    const h = mix(code);
    const fingerprint = h | 1;
    const mask = (1 << this.bits) - 1;
    let slot = h >>> (32 - this.bits);
    for (;;) {
      const held = this.fingerprints[slot]!;
      if (held === 0) return slot;
      if (held === fingerprint && this.codes[this.refs[slot]!] === code) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    this.bits++;
    this.fingerprints = new Int32Array(1 << this.bits);
    this.refs = new Int32Array(1 << this.bits);
    for (let ref = 0; ref < this.codes.length; ref++) {
      const slot = this.find(this.codes[ref]!);
      this.fingerprints[slot] = fingerprintOf(this.codes[ref]!);
      this.refs[slot] = ref;
    }
  }
}

/** Never 0, which marks a free slot. */
function fingerprintOf(code: number): number {
  return mix(code) | 1;
}
