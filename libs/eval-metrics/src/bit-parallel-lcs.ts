// Above this many mask words (16 MB) the masks are built per symbol from position lists instead of held for all symbols.
const DENSE_MASK_WORDS = 1 << 22;

/**
 * Longest common subsequence by bit-parallelism (Allison–Dix, in Hyyrö's 2004 form): the pattern's positions are bits
 * of 32-bit words, and each symbol of the other sequence updates every word with one add and a few masks, so the cost is
 * |text| · ⌈|pattern| / 32⌉ word operations instead of |text| · |pattern| cells. Symbols are small integers; a negative
 * symbol (absent from the pattern) leaves the state unchanged and costs nothing.
 */
export class BitParallelLcs {
  private masks = new Int32Array(0);
  private state = new Int32Array(0);
  private words = 0;
  private patternLength = 0;
  private dense = true;
  // Sparse mode: the pattern's positions grouped by symbol, positions[firstOf[s] .. firstOf[s + 1]).
  private firstOf = new Int32Array(0);
  private positions = new Int32Array(0);

  /** Sets the pattern: `symbols[from..from+length)`, each in 0..alphabetSize−1. */
  setPattern(symbols: Int32Array, from: number, length: number, alphabetSize: number): void {
    const words = (length + 31) >>> 5;
    this.words = words;
    this.patternLength = length;
    if (this.state.length < words) this.state = new Int32Array(Math.max(words, this.state.length * 2));
    this.dense = alphabetSize * words <= DENSE_MASK_WORDS;
    if (this.dense) this.setDenseMasks(symbols, from, length, alphabetSize * words);
    else this.setPositions(symbols, from, length, alphabetSize);
  }

  private setDenseMasks(symbols: Int32Array, from: number, length: number, size: number): void {
    if (this.masks.length < size) this.masks = new Int32Array(Math.max(size, this.masks.length * 2));
    else this.masks.fill(0, 0, size);
    const words = this.words;
    for (let i = 0; i < length; i++) this.masks[symbols[from + i] * words + (i >>> 5)] |= 1 << (i & 31);
  }

  private setPositions(symbols: Int32Array, from: number, length: number, alphabetSize: number): void {
    if (this.masks.length < this.words) this.masks = new Int32Array(this.words);
    this.masks.fill(0, 0, this.words);
    const firstOf = (this.firstOf = new Int32Array(alphabetSize + 1));
    const positions = (this.positions = new Int32Array(length));
    for (let i = 0; i < length; i++) firstOf[symbols[from + i] + 1]++;
    for (let s = 0; s < alphabetSize; s++) firstOf[s + 1] += firstOf[s];
    const next = firstOf.slice(0, alphabetSize);
    for (let i = 0; i < length; i++) positions[next[symbols[from + i]]++] = i;
  }

  /** LCS length of the pattern and `symbols[from..from+length)`. */
  lengthWith(symbols: Int32Array, from: number, length: number): number {
    const { state, words } = this;
    if (words === 0) return 0;
    state.fill(-1, 0, words);
    for (let j = from, end = from + length; j < end; j++) {
      const symbol = symbols[j];
      if (symbol < 0) continue;
      if (this.dense) this.step(symbol * words);
      else this.sparseStep(symbol);
    }
    // The LCS is the number of zero bits among the pattern's positions.
    let zeros = 0;
    const tail = this.patternLength & 31;
    for (let k = 0; k < words; k++)
      zeros += popcount(~state[k] & (k === words - 1 && tail !== 0 ? (1 << tail) - 1 : -1));
    return zeros;
  }

  private step(base: number): void {
    const { state, masks, words } = this;
    let carry = 0;
    for (let k = 0; k < words; k++) {
      const v = state[k];
      const u = v & masks[base + k];
      // V' = (V + U) | (V − U), and V − U = V & ~U because U's bits are a subset of V's.
      const sum = (v >>> 0) + (u >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      state[k] = sum | (v & ~u);
    }
  }

  private sparseStep(symbol: number): void {
    const { masks, positions } = this;
    const first = this.firstOf[symbol];
    const end = this.firstOf[symbol + 1];
    for (let p = first; p < end; p++) masks[positions[p] >>> 5] |= 1 << (positions[p] & 31);
    this.step(0);
    for (let p = first; p < end; p++) masks[positions[p] >>> 5] = 0;
  }
}

function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
