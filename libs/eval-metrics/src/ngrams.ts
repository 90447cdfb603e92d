import { BitParallelLcs } from './bit-parallel-lcs.js';

/**
 * The n-gram statistics of one hypothesis against its references, over integer ids instead of joined strings.
 *
 * Tokens are interned once per matcher (so over a whole corpus); each item then numbers its hypothesis' distinct
 * tokens 0..U−1, and each distinct hypothesis n-gram gets an id from the pair (id of its first n−1 tokens, last token).
 * A reference n-gram that is not in the hypothesis gets −1: it can neither match nor extend into a match, and every
 * statistic here counts only matches. Counts live in typed arrays reused from item to item.
 *
 * After `match`, for orders n = 1..maxOrder (index n − 1):
 * - `clipped[n−1]`: Σ over hypothesis n-grams g of min(count in hypothesis, max count in one reference) — BLEU's numerator;
 * - `overlap(r, n)`: Σ_g min(count in hypothesis, count in reference r) — the multiset intersection of ROUGE-N and GLEU;
 * - `lcs(r)` when asked for: the longest common subsequence of the hypothesis and reference r.
 */
export class NgramMatcher {
  readonly clipped: Int32Array;
  hypothesisLength = 0;
  readonly referenceLengths: number[] = [];
  private overlaps = new Int32Array(0);
  private lcsLengths = new Int32Array(0);

  private readonly tokenIds = new Map<string, number>();
  private localOf = new Int32Array(1024);
  private localStamp = new Int32Array(1024);
  private stamp = 0;
  private tokenCount = 0;

  /** Symbols of the hypothesis then each reference, back to back; grams[(n−1)·total + position] is an n-gram id or −1. */
  private symbols = new Int32Array(1024);
  private grams = new Int32Array(4096);
  private readonly starts: number[] = [];
  private total = 0;

  private slotStamp = new Int32Array(1024);
  private slotPrefix = new Int32Array(1024);
  private slotLast = new Int32Array(1024);
  private slotId = new Int32Array(1024);
  private slotMask = 0;

  private hypothesisCounts = new Int32Array(1024);
  private maxReferenceCounts = new Int32Array(1024);
  private work = new Int32Array(1024);
  private readonly lcsEngine = new BitParallelLcs();

  constructor(readonly maxOrder: number) {
    this.clipped = new Int32Array(maxOrder);
  }

  /** Multiset intersection size of the order-n n-grams of the hypothesis and reference r. */
  overlap(reference: number, n: number): number {
    return this.overlaps[reference * this.maxOrder + n - 1];
  }

  /** LCS length of the hypothesis and reference r (after `match(…, true)`). */
  lcs(reference: number): number {
    return this.lcsLengths[reference];
  }

  /** Counts everything above for one item; the results hold until the next call. */
  match(hypothesis: readonly string[], references: readonly (readonly string[])[], withLcs = false): void {
    if (++this.stamp === STAMP_LIMIT) this.restartStamps();
    this.tokenCount = 0;
    this.load(hypothesis, references);
    const hypothesisLength = hypothesis.length;
    const distinctGrams = this.numberHypothesisGrams(hypothesisLength);
    for (let r = 0; r < references.length; r++) this.numberReferenceGrams(this.starts[r + 1], references[r].length);
    this.countMatches(references.length, distinctGrams);
    if (withLcs) this.matchSubsequences(references.length);
  }

  private restartStamps(): void {
    this.localStamp.fill(0);
    this.slotStamp.fill(0);
    this.stamp = 1;
  }

  private load(hypothesis: readonly string[], references: readonly (readonly string[])[]): void {
    let total = hypothesis.length;
    for (const reference of references) total += reference.length;
    if (this.symbols.length < total) this.symbols = new Int32Array(grow(this.symbols.length, total));
    if (this.grams.length < total * this.maxOrder)
      this.grams = new Int32Array(grow(this.grams.length, total * this.maxOrder));
    const starts = this.starts;
    starts.length = 0;
    starts.push(0);
    this.hypothesisLength = hypothesis.length;
    for (let i = 0; i < hypothesis.length; i++) this.symbols[i] = this.hypothesisSymbol(hypothesis[i]);
    let at = hypothesis.length;
    this.referenceLengths.length = 0;
    for (const reference of references) {
      starts.push(at);
      this.referenceLengths.push(reference.length);
      for (let j = 0; j < reference.length; j++) this.symbols[at + j] = this.referenceSymbol(reference[j]);
      at += reference.length;
    }
    starts.push(at);
    this.total = at;
    if (this.overlaps.length < references.length * this.maxOrder)
      this.overlaps = new Int32Array(grow(this.overlaps.length, references.length * this.maxOrder));
    if (this.lcsLengths.length < references.length)
      this.lcsLengths = new Int32Array(grow(this.lcsLengths.length, references.length));
  }

  private hypothesisSymbol(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(token, id);
      if (id >= this.localOf.length) {
        this.localOf = copyInto(new Int32Array(id * 2), this.localOf);
        this.localStamp = copyInto(new Int32Array(id * 2), this.localStamp);
      }
    }
    if (this.localStamp[id] !== this.stamp) {
      this.localStamp[id] = this.stamp;
      this.localOf[id] = this.tokenCount++;
    }
    return this.localOf[id];
  }

  private referenceSymbol(token: string): number {
    const id = this.tokenIds.get(token);
    return id !== undefined && this.localStamp[id] === this.stamp ? this.localOf[id] : -1;
  }

  /** Gives the hypothesis' n-grams ids (unigrams: their symbol; distinct n-grams of all orders get distinct ids). */
  private numberHypothesisGrams(length: number): number {
    const { grams, symbols, maxOrder } = this;
    const total = this.total;
    this.prepareTable(length * (maxOrder - 1));
    for (let i = 0; i < length; i++) grams[i] = symbols[i];
    let next = this.tokenCount;
    for (let n = 2; n <= maxOrder; n++) {
      const here = (n - 1) * total;
      const below = (n - 2) * total;
      for (let i = 0; i + n <= length; i++) next = this.intern(grams[below + i], symbols[i + n - 1], next, here + i);
    }
    return next;
  }

  private numberReferenceGrams(start: number, length: number): void {
    const { grams, symbols, maxOrder } = this;
    const total = this.total;
    for (let j = 0; j < length; j++) grams[start + j] = symbols[start + j];
    for (let n = 2; n <= maxOrder; n++) {
      const here = (n - 1) * total + start;
      const below = (n - 2) * total + start;
      for (let j = 0; j + n <= length; j++) {
        const prefix = grams[below + j];
        const last = symbols[start + j + n - 1];
        grams[here + j] = prefix < 0 || last < 0 ? -1 : this.find(prefix, last);
      }
    }
  }

  private countMatches(references: number, distinctGrams: number): void {
    const { maxOrder, grams } = this;
    const total = this.total;
    if (this.work.length < distinctGrams) {
      const size = grow(this.work.length, distinctGrams);
      this.hypothesisCounts = new Int32Array(size);
      this.maxReferenceCounts = new Int32Array(size);
      this.work = new Int32Array(size);
    }
    const { hypothesisCounts, maxReferenceCounts, work } = this;
    hypothesisCounts.fill(0, 0, distinctGrams);
    maxReferenceCounts.fill(0, 0, distinctGrams);
    const hypothesisLength = this.hypothesisLength;
    for (let n = 1; n <= maxOrder; n++) {
      const base = (n - 1) * total;
      for (let i = 0; i + n <= hypothesisLength; i++) hypothesisCounts[grams[base + i]]++;
    }
    for (let r = 0; r < references; r++) {
      const start = this.starts[r + 1];
      const length = this.starts[r + 2] - start;
      for (let n = 1; n <= maxOrder; n++) {
        const base = (n - 1) * total + start;
        let overlap = 0;
        for (let j = 0; j + n <= length; j++) {
          const gram = grams[base + j];
          if (gram < 0) continue;
          const count = ++work[gram];
          if (count <= hypothesisCounts[gram]) overlap++;
          if (count > maxReferenceCounts[gram]) maxReferenceCounts[gram] = count;
        }
        this.overlaps[r * maxOrder + n - 1] = overlap;
      }
      this.clearWork(start, length);
    }
    for (let n = 1; n <= maxOrder; n++) {
      const base = (n - 1) * total;
      let clipped = 0;
      for (let i = 0; i + n <= hypothesisLength; i++)
        if (++work[grams[base + i]] <= maxReferenceCounts[grams[base + i]]) clipped++;
      this.clipped[n - 1] = clipped;
    }
    this.clearWork(0, hypothesisLength);
  }

  private clearWork(start: number, length: number): void {
    const { grams, work, maxOrder } = this;
    const total = this.total;
    for (let n = 1; n <= maxOrder; n++) {
      const base = (n - 1) * total + start;
      for (let j = 0; j + n <= length; j++) if (grams[base + j] >= 0) work[grams[base + j]] = 0;
    }
  }

  private matchSubsequences(references: number): void {
    const { symbols, starts } = this;
    this.lcsEngine.setPattern(symbols, 0, this.hypothesisLength, this.tokenCount);
    for (let r = 0; r < references; r++)
      this.lcsLengths[r] = this.lcsEngine.lengthWith(symbols, starts[r + 1], starts[r + 2] - starts[r + 1]);
  }

  /** Sizes the (prefix id, last symbol) → n-gram id table for this item; stale slots are told apart by their stamp. */
  private prepareTable(entries: number): void {
    let capacity = 16;
    while (capacity < entries * 2) capacity *= 2;
    if (this.slotStamp.length < capacity) {
      this.slotStamp = new Int32Array(capacity);
      this.slotPrefix = new Int32Array(capacity);
      this.slotLast = new Int32Array(capacity);
      this.slotId = new Int32Array(capacity);
    }
    this.slotMask = capacity - 1;
  }

  /** Stores the id of (prefix, last) at grams[at], numbering it `next` if new; returns the next free id. */
  private intern(prefix: number, last: number, next: number, at: number): number {
    const { slotStamp, slotPrefix, slotLast, slotId, slotMask, stamp } = this;
    let slot = hashPair(prefix, last) & slotMask;
    while (slotStamp[slot] === stamp) {
      if (slotPrefix[slot] === prefix && slotLast[slot] === last) {
        this.grams[at] = slotId[slot];
        return next;
      }
      slot = (slot + 1) & slotMask;
    }
    slotStamp[slot] = stamp;
    slotPrefix[slot] = prefix;
    slotLast[slot] = last;
    slotId[slot] = next;
    this.grams[at] = next;
    return next + 1;
  }

  private find(prefix: number, last: number): number {
    const { slotStamp, slotPrefix, slotLast, slotId, slotMask, stamp } = this;
    let slot = hashPair(prefix, last) & slotMask;
    while (slotStamp[slot] === stamp) {
      if (slotPrefix[slot] === prefix && slotLast[slot] === last) return slotId[slot];
      slot = (slot + 1) & slotMask;
    }
    return -1;
  }
}

// Stamps live in Int32Arrays; start again well before they would wrap.
const STAMP_LIMIT = 2 ** 30;

function hashPair(prefix: number, last: number): number {
  let h = Math.imul(prefix, 0x9e3779b1) ^ Math.imul(last, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

function grow(current: number, needed: number): number {
  return Math.max(needed, current * 2);
}

function copyInto<Target extends Int32Array>(target: Target, source: Int32Array): Target {
  target.set(source);
  return target;
}

/** Number of n-grams of order n in a sequence of `length` tokens. */
export function ngramTotal(length: number, n: number): number {
  return Math.max(0, length - n + 1);
}
