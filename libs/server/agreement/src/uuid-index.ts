/** Bytes of a UUID in PostgreSQL's text form. */
export const UUID_TEXT_BYTES = 36;

/**
 * Dense indices for UUIDs read as text bytes (from a COPY row), without making a string per lookup: an open-addressing
 * table over the 36 ASCII bytes. Index i is the i-th distinct UUID added; `text(i)` makes its string once when asked.
 */
export class UuidIndex {
  private keys = new Uint8Array(64 * UUID_TEXT_BYTES);
  private slots = new Int32Array(128).fill(-1);

  private size = 0;

  get count(): number {
    return this.size;
  }

  /** The index of the UUID at bytes[at … at+36), or −1 when it was never added. */
  find(bytes: Uint8Array, at: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash(bytes, at) & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot];
      if (index === -1 || this.equals(index, bytes, at)) return index;
    }
  }

  /** The index of the UUID at bytes[at … at+36), added if new. */
  add(bytes: Uint8Array, at: number): number {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let slot = hash(bytes, at) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot];
      if (index === -1) break;
      if (this.equals(index, bytes, at)) return index;
    }
    if ((this.size + 1) * UUID_TEXT_BYTES > this.keys.length) {
      const keys = new Uint8Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    // Byte by byte: a subarray per UUID added cost more than the copy.
    const base = this.size * UUID_TEXT_BYTES;
    for (let i = 0; i < UUID_TEXT_BYTES; i++) this.keys[base + i] = bytes[at + i];
    this.slots[slot] = this.size;
    return this.size++;
  }

  /** The UUID of index i as a string. */
  text(index: number): string {
    const at = index * UUID_TEXT_BYTES;
    return String.fromCharCode(...this.keys.subarray(at, at + UUID_TEXT_BYTES));
  }

  private equals(index: number, bytes: Uint8Array, at: number): boolean {
    const base = index * UUID_TEXT_BYTES;
    for (let i = 0; i < UUID_TEXT_BYTES; i++) if (this.keys[base + i] !== bytes[at + i]) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let index = 0; index < this.size; index++) {
      let slot = hash(this.keys, index * UUID_TEXT_BYTES) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the first and the last 8 hex digits (random in v4 UUIDs, and the low digits of sequential ones). */
function hash(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 8; i++) h = Math.imul(h ^ bytes[at + i], 0x01000193);
  for (let i = UUID_TEXT_BYTES - 8; i < UUID_TEXT_BYTES; i++) h = Math.imul(h ^ bytes[at + i], 0x01000193);
  return h >>> 0;
}
