import type { CompactUnits, LabelValue, ReliabilityTallyState } from '@clinrank/agreement';

// Coder-pair keys as ReliabilityTally spells them: lo·2^21 + hi.
const CODER_SPAN = 2 ** 21;

/**
 * A ReliabilityTally of one criterion and scale whose values are small integer codes (0 … V−1), kept in typed arrays
 * while a cold build adds every unit once. `state()` is the ReliabilityTallyState that adding the same units in the same
 * order to a ReliabilityTally gives: the same value and coder lists (first-seen order) and the same counts.
 */
export class CodeTally {
  private readonly valueIndex: Int32Array;
  private readonly valueOrder: number[] = [];
  private coderIndex = new Int32Array(64).fill(-1);
  private readonly coderOrder: number[] = [];
  private readonly sizes: number[] = [];
  /** Per unit size m: V·V ordered value pairs (by code). */
  private readonly pairs: (Float64Array | undefined)[] = [];
  private readonly valueTotals: Float64Array;
  private readonly coderTotals: number[] = [];
  /** cells[lo][hi] (tally coder indices, lo < hi): V·V units by the two coders' value codes; keys in creation order. */
  private readonly cells: (Float64Array | undefined)[][] = [];
  private readonly cellKeys: number[] = [];
  private readonly counts: Int32Array;
  private readonly units: CompactBuilder;
  // The open unit: its coders and value codes, and the coders' indices in this tally.
  private size = 0;
  private coders = new Int32Array(16);
  private codes = new Int32Array(16);
  private local = new Int32Array(16);
  /** The open unit's distinct codes. */
  private present = new Int32Array(16);

  constructor(
    private readonly valueList: readonly LabelValue[],
    private readonly keepsCoderPairs: boolean,
  ) {
    this.valueIndex = new Int32Array(valueList.length).fill(-1);
    this.valueTotals = new Float64Array(valueList.length);
    this.counts = new Int32Array(valueList.length);
    this.units = new CompactBuilder(valueList);
  }

  /** Starts a unit; `value` adds one coder's value code (−1: missing), `end` closes it (false: a coder twice). */
  begin(): void {
    this.size = 0;
  }

  value(coder: number, code: number): void {
    if (code < 0) return;
    if (this.size === this.coders.length) this.growUnit();
    this.coders[this.size] = coder;
    this.codes[this.size++] = code;
  }

  end(): boolean {
    const { coders, codes, local, present } = this;
    const m = this.size;
    if (m === 0) return true;
    for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) if (coders[i] === coders[j]) return false;
    const V = this.valueList.length;
    this.units.add(codes, m);
    this.sizes[m] = (this.sizes[m] ?? 0) + 1;
    let distinct = 0;
    for (let i = 0; i < m; i++) {
      local[i] = this.internCoder(coders[i]);
      if (this.valueIndex[codes[i]] === -1) {
        this.valueIndex[codes[i]] = this.valueOrder.length;
        this.valueOrder.push(codes[i]);
      }
      this.valueTotals[codes[i]]++;
      this.coderTotals[local[i]] = (this.coderTotals[local[i]] ?? 0) + 1;
      if (this.counts[codes[i]]++ === 0) present[distinct++] = codes[i];
    }
    if (m >= 2) {
      let pairs = this.pairs[m];
      if (!pairs) this.pairs[m] = pairs = new Float64Array(V * V);
      for (let x = 0; x < distinct; x++) {
        const c = present[x];
        const nc = this.counts[c];
        for (let y = 0; y < distinct; y++) {
          const k = present[y];
          pairs[c * V + k] += c === k ? nc * (nc - 1) : nc * this.counts[k];
        }
      }
      if (this.keepsCoderPairs)
        for (let i = 0; i < m; i++)
          for (let j = i + 1; j < m; j++) {
            const lo = local[i] < local[j] ? i : j;
            const hi = lo === i ? j : i;
            const row = (this.cells[local[lo]] ??= []);
            let cells = row[local[hi]];
            if (!cells) {
              cells = row[local[hi]] = new Float64Array(V * V);
              this.cellKeys.push(local[lo] * CODER_SPAN + local[hi]);
            }
            cells[codes[lo] * V + codes[hi]]++;
          }
    }
    for (let i = 0; i < m; i++) this.counts[codes[i]] = 0;
    return true;
  }

  get empty(): boolean {
    return this.valueOrder.length === 0;
  }

  /** The ReliabilityTallyState; `coderName` gives a global coder's id. */
  state(coderName: (coder: number) => string): ReliabilityTallyState {
    const V = this.valueList.length;
    const index = this.valueIndex;
    const pairs: ReliabilityTallyState['pairs'] = [];
    this.pairs.forEach((counts, m) => {
      if (counts)
        for (let c = 0; c < V; c++)
          for (let k = 0; k < V; k++) if (counts[c * V + k] > 0) pairs.push([m, index[c], index[k], counts[c * V + k]]);
    });
    const sizes: [number, number][] = [];
    this.sizes.forEach((count, m) => count > 0 && sizes.push([m, count]));
    const coderPairs: number[][] = [];
    for (const key of this.cellKeys) {
      const row = [Math.floor(key / CODER_SPAN), key % CODER_SPAN];
      const cells = this.cells[row[0]][row[1]] as Float64Array;
      for (let a = 0; a < V; a++)
        for (let b = 0; b < V; b++) if (cells[a * V + b] > 0) row.push(index[a], index[b], cells[a * V + b]);
      coderPairs.push(row);
    }
    return {
      values: this.valueOrder.map((code) => this.valueList[code]),
      coders: this.coderOrder.map(coderName),
      pairs,
      sizes,
      valueTotals: this.valueOrder.map((code) => [index[code], this.valueTotals[code]]),
      coderTotals: this.coderTotals.map((count, coder) => [coder, count]),
      coderPairs,
    };
  }

  /** Every unit's values, in the order added, as the bootstrap reads them. */
  compact(): CompactUnits {
    return this.units.build();
  }

  private growUnit(): void {
    const size = this.coders.length * 2;
    this.coders = grown(this.coders, size);
    this.codes = grown(this.codes, size);
    this.local = grown(this.local, size);
    this.present = grown(this.present, size);
  }

  private internCoder(coder: number): number {
    if (coder >= this.coderIndex.length) {
      const grown = new Int32Array(Math.max(coder + 1, this.coderIndex.length * 2)).fill(-1);
      grown.set(this.coderIndex);
      this.coderIndex = grown;
    }
    let local = this.coderIndex[coder];
    if (local === -1) {
      local = this.coderIndex[coder] = this.coderOrder.length;
      this.coderOrder.push(coder);
    }
    return local;
  }
}

/** CompactUnits from value codes, values numbered in first-seen order as CompactUnitsBuilder numbers them. */
class CompactBuilder {
  private readonly index: Int32Array;
  private readonly order: number[] = [];
  private start = new Int32Array(1024);
  private values = new Int32Array(1024);
  private unitCount = 0;
  private size = 0;

  constructor(private readonly valueList: readonly LabelValue[]) {
    this.index = new Int32Array(valueList.length).fill(-1);
  }

  /** A unit of the first `m` codes. */
  add(codes: Int32Array, m: number): void {
    if (this.size + m > this.values.length) this.values = grown(this.values, this.size + m);
    for (let i = 0; i < m; i++) {
      const code = codes[i];
      if (this.index[code] === -1) {
        this.index[code] = this.order.length;
        this.order.push(code);
      }
      this.values[this.size++] = this.index[code];
    }
    if (this.unitCount + 2 > this.start.length) this.start = grown(this.start, this.unitCount + 2);
    this.start[++this.unitCount] = this.size;
  }

  build(): CompactUnits {
    return {
      start: this.start.slice(0, this.unitCount + 1),
      values: this.values.slice(0, this.size),
      valueList: this.order.map((code) => this.valueList[code]),
    };
  }
}

function grown(array: Int32Array, least: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(least, array.length * 2));
  next.set(array);
  return next;
}
