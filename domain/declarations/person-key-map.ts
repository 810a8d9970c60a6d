// Person keys (normalized document numbers) → values, built for batches of 100,000 rows. Nearly
// every key is an 18-character 公民身份号码; such a key is packed into an exact integer and kept in
// an open-addressing table of one typed array (no string hashing or compares, one cache line per
// probe, no garbage). Any other key — passports, permits, malformed numbers — goes to a Map. Two
// keys reach the same entry exactly when the strings are equal.

/**
 * An 18-character number shaped like a 公民身份号码 (17 digits with year 1900–2099, month 1–12 and
 * day 1–31 at their places, then a digit or X) as a unique integer in [1, 2^50); 0 for any other
 * string. Injective on the strings it accepts: region, date parts, sequence and last character
 * are each packed whole. Whether the number is valid is not its business.
 */
export function packedIdentity(key: string): number {
  if (key.length !== 18) return 0;
  const region = digits(key, 0, 6);
  const year = digits(key, 6, 4);
  const month = digits(key, 10, 2);
  const day = digits(key, 12, 2);
  const sequence = digits(key, 14, 3);
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

/** The number written by `count` digits at `at`; -1 if any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const TWO_POW_32 = 4_294_967_296;

/** Fibonacci hashing: the top `bits` bits of the mixed code times 2^32/φ. */
function slotOf(code: number, bits: number): number {
  const low = code | 0; // ToInt32: the low 32 bits, exactly
  const high = (code / TWO_POW_32) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}

export class PersonKeyMap<V> {
  /** Per slot, side by side: the packed identity (0 = free) and the index of its value. */
  private table: Float64Array;
  /** log2 of the number of slots. */
  private bits: number;
  private readonly values: V[] = [];
  private readonly others = new Map<string, V>();

  /** `expected`: about how many keys will be added (the table grows past it if need be). */
  constructor(expected = 8) {
    let bits = 3;
    while (1 << bits < expected * 2 && bits < 29) bits++;
    this.bits = bits;
    this.table = new Float64Array(2 << bits);
  }

  get size(): number {
    return this.values.length + this.others.size;
  }

  get(key: string): V | undefined {
    const code = packedIdentity(key);
    if (code === 0) return this.others.get(key);
    const at = this.find(code);
    return this.table[at] === code ? this.values[this.table[at + 1]! | 0] : undefined;
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
    const at = this.find(code);
    if (this.table[at] === code) return this.values[this.table[at + 1]! | 0];
    this.put(code, at, value);
    return undefined;
  }

  private put(code: number, at: number, value: V): void {
    if (this.table[at] === code) {
      this.values[this.table[at + 1]! | 0] = value;
      return;
    }
    if ((this.values.length + 1) * 2 > 1 << this.bits) {
      this.grow();
      at = this.find(code);
    }
    this.table[at] = code;
    this.table[at + 1] = this.values.length;
    this.values.push(value);
  }

  /** Where `code` is kept, or the free place it would go (linear probing), as a table index. */
  private find(code: number): number {
    const mask = (1 << this.bits) - 1;
    let slot = slotOf(code, this.bits);
    for (;;) {
      const at = slot * 2;
      const held = this.table[at]!;
      if (held === code || held === 0) return at;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.bits++;
    this.table = new Float64Array(2 << this.bits);
    for (let at = 0; at < old.length; at += 2) {
      const code = old[at]!;
      if (code === 0) continue;
      const to = this.find(code);
      this.table[to] = code;
      this.table[to + 1] = old[at + 1]!;
    }
  }
}
