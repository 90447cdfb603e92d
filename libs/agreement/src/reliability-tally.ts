import { badInput } from './errors.js';
import type { CohenKappaOptions, CohenKappaPair, FleissKappaResult } from './kappa.js';
import { ratioDelta, type AlphaOptions, type AlphaResult } from './krippendorff-alpha.js';
import { requireLabelValue, type LabelValue } from './labels.js';
import { levelScale } from './level-scale.js';
import type { PercentAgreementResult } from './percent-agreement.js';
import { compareText } from './value-order.js';

/** One coder's value in a unit (null: missing, ignored). */
export interface TallyValue {
  coder: string;
  value: LabelValue | null;
}

/** The values of one unit, as the tally adds or removes them: a unit is always added or removed whole. */
export type TallyUnit = readonly TallyValue[];

/** The JSON form of a tally (integer counts only, so a stored tally never drifts). */
export interface ReliabilityTallyState {
  /** Every value and coder seen, in first-seen order: the other fields refer to them by index. */
  values: LabelValue[];
  coders: string[];
  /** [m, c, k, ordered pairs of values c,k within units of m values]. */
  pairs: [number, number, number, number][];
  /** [m, units with m values]. */
  sizes: [number, number][];
  /** [value, labels with that value]. */
  valueTotals: [number, number][];
  /** [coder, values the coder gave]. */
  coderTotals: [number, number][];
  /** [coderA, coderB, then (valueA, valueB, units both labelled with these values) repeated], coderA < coderB. */
  coderPairs: number[][];
}

export interface ReliabilityTallyOptions {
  /** Keep the coder-pair contingency cells Cohen's kappa needs (default true). */
  coderPairs?: boolean;
}

// Numeric map keys (faster than strings): value and coder indices below 2^20, unit sizes below 2^12.
const VALUE_SPAN = 2 ** 20;
const PAIR_SPAN = 2 ** 40;
const CODER_SPAN = 2 ** 21;

/**
 * Reliability data kept as sufficient statistics, updated one unit at a time (add, or remove what was added): per unit size
 * m the ordered value pairs (Krippendorff's coincidences times m − 1, as integers), the units per size, the values per
 * coder and the coder-pair contingency cells. Alpha at every level, percent agreement, Fleiss' and Cohen's kappa
 * follow from them without the labels, and equal what krippendorffAlpha & co. compute from the same labels (up to
 * floating-point summation order). Removing a unit needs its values as they were added.
 */
export class ReliabilityTally {
  private readonly valueList: LabelValue[] = [];
  private readonly valueIndex = new Map<LabelValue, number>();
  private readonly coderList: string[] = [];
  private readonly coderIndex = new Map<string, number>();
  /** m·2^40 + c·2^20 + k → ordered pairs of values c, k within units of m values. */
  private readonly pairs = new Map<number, number>();
  private readonly sizes = new Map<number, number>();
  private readonly valueTotals = new Map<number, number>();
  private readonly coderTotals = new Map<number, number>();
  /** lo·2^21 + hi (coder indices, lo < hi) → (value of lo)·2^20 + (value of hi) → units. */
  private readonly coderCells = new Map<number, Map<number, number>>();
  private readonly keepsCoderPairs: boolean;

  constructor(options: ReliabilityTallyOptions = {}) {
    this.keepsCoderPairs = options.coderPairs ?? true;
  }

  static fromJSON(state: ReliabilityTallyState, options: ReliabilityTallyOptions = {}): ReliabilityTally {
    const tally = new ReliabilityTally(options);
    state.values.forEach((value) => tally.intern(value));
    state.coders.forEach((coder) => tally.internCoder(coder));
    for (const [m, c, k, count] of state.pairs) tally.pairs.set(m * PAIR_SPAN + c * VALUE_SPAN + k, count);
    for (const [m, count] of state.sizes) tally.sizes.set(m, count);
    for (const [value, count] of state.valueTotals) tally.valueTotals.set(value, count);
    for (const [coder, count] of state.coderTotals) tally.coderTotals.set(coder, count);
    for (const row of state.coderPairs) {
      const cells = new Map<number, number>();
      for (let i = 2; i + 2 < row.length; i += 3) cells.set(row[i] * VALUE_SPAN + row[i + 1], row[i + 2]);
      tally.coderCells.set(row[0] * CODER_SPAN + row[1], cells);
    }
    return tally;
  }

  toJSON(): ReliabilityTallyState {
    const pairs: ReliabilityTallyState['pairs'] = [];
    for (const [key, count] of this.pairs) {
      const m = Math.floor(key / PAIR_SPAN);
      const rest = key - m * PAIR_SPAN;
      pairs.push([m, Math.floor(rest / VALUE_SPAN), rest % VALUE_SPAN, count]);
    }
    const coderPairs: number[][] = [];
    for (const [pair, cells] of this.coderCells) {
      const row = [Math.floor(pair / CODER_SPAN), pair % CODER_SPAN];
      for (const [cell, count] of cells) row.push(Math.floor(cell / VALUE_SPAN), cell % VALUE_SPAN, count);
      coderPairs.push(row);
    }
    return {
      values: [...this.valueList],
      coders: [...this.coderList],
      pairs,
      sizes: [...this.sizes],
      valueTotals: [...this.valueTotals],
      coderTotals: [...this.coderTotals],
      coderPairs,
    };
  }

  /** Adds one unit's values. */
  add(unit: TallyUnit): this {
    this.apply(unit, 1);
    return this;
  }

  /** Removes a unit added before with exactly these values. */
  remove(unit: TallyUnit): this {
    this.apply(unit, -1);
    return this;
  }

  /** Units with at least one value. */
  get unitCount(): number {
    let units = 0;
    for (const count of this.sizes.values()) units += count;
    return units;
  }

  /** Coders with at least one value. */
  get coderCount(): number {
    return this.coderTotals.size;
  }

  /** Values (non-missing labels). */
  get labelCount(): number {
    let labels = 0;
    for (const count of this.valueTotals.values()) labels += count;
    return labels;
  }

  /** Distinct values present, in first-seen order of this tally. */
  get values(): LabelValue[] {
    return [...this.valueTotals.keys()].sort((x, y) => x - y).map((index) => this.valueList[index]);
  }

  /** Krippendorff's alpha, as krippendorffAlpha computes it from the same labels. */
  alpha(options: AlphaOptions): AlphaResult {
    const present = this.presentIndices();
    const scale = levelScale(
      present.map((index) => this.valueList[index]),
      options.level,
      options.order,
    );
    let pairableUnits = 0;
    for (const [m, count] of this.sizes) if (m >= 2) pairableUnits += count;
    // o_ck = Σ_m pairs(m, c, k)/(m − 1); n_c = Σ_k o_ck.
    const size = this.valueList.length;
    const coincidences = new Float64Array(size * size);
    for (const [key, count] of this.pairs) {
      const [m, c, k] = splitPairKey(key);
      coincidences[c * size + k] += count / (m - 1);
    }
    const marginals = new Float64Array(size);
    let n = 0;
    for (let c = 0; c < size; c++) {
      for (let k = 0; k < size; k++) marginals[c] += coincidences[c * size + k];
      n += marginals[c];
    }
    n = Math.round(n);
    const base = { level: scale.level, units: pairableUnits, pairableValues: n };
    const none = { ...base, observedDisagreement: null, expectedDisagreement: null };
    if (pairableUnits === 0)
      return { alpha: null, reason: 'no pairable units (no unit has two or more values)', ...none };
    let varied = 0;
    for (let c = 0; c < size; c++) if (marginals[c] > 0) varied++;
    if (varied < 2) return { alpha: null, reason: 'no variation (every pairable value is the same)', ...none };
    const x = this.positions(scale.level, present, scale.numbers, scale.ascending, marginals);
    let observed = 0;
    let expected = 0;
    if (scale.level === 'nominal' || scale.level === 'ratio') {
      const delta =
        scale.level === 'nominal'
          ? () => 1
          : (c: number, k: number) => ratioDelta(x[present.indexOf(c)], x[present.indexOf(k)]);
      for (let c = 0; c < size; c++) {
        for (let k = 0; k < size; k++) {
          if (c === k) continue;
          const o = coincidences[c * size + k];
          const e = marginals[c] * marginals[k];
          if (o === 0 && e === 0) continue;
          const d = delta(c, k);
          observed += o * d;
          expected += e * d;
        }
      }
    } else {
      const position = new Float64Array(size);
      present.forEach((index, i) => (position[index] = x[i]));
      for (let c = 0; c < size; c++)
        for (let k = 0; k < size; k++)
          if (c !== k) observed += coincidences[c * size + k] * (position[c] - position[k]) ** 2;
      let sum = 0;
      for (let c = 0; c < size; c++) sum += marginals[c] * position[c];
      const centre = sum / n;
      let spread = 0;
      for (let c = 0; c < size; c++) if (marginals[c] > 0) spread += marginals[c] * (position[c] - centre) ** 2;
      expected = 2 * n * spread;
    }
    const observedDisagreement = observed / n;
    const expectedDisagreement = expected / (n * (n - 1));
    return {
      alpha: 1 - observedDisagreement / expectedDisagreement,
      ...base,
      observedDisagreement,
      expectedDisagreement,
    };
  }

  /** Mean pairwise percent agreement over the units with two or more values, as percentAgreement computes it. */
  percentAgreement(): PercentAgreementResult {
    this.requireNominal();
    let units = 0;
    for (const [m, count] of this.sizes) if (m >= 2) units += count;
    if (units === 0) return { agreement: null, reason: 'no unit has two or more values', units };
    let total = 0;
    for (const [key, count] of this.pairs) {
      const [m, c, k] = splitPairKey(key);
      if (c === k) total += count / (m * (m - 1));
    }
    return { agreement: total / units, units };
  }

  /** Fleiss' kappa, as fleissKappa computes it (the reason for unequal unit sizes names the smallest and largest). */
  fleissKappa(): FleissKappaResult {
    this.requireNominal();
    const units = this.unitCount;
    if (units === 0) return { kappa: null, reason: 'no units', units, ratersPerUnit: null };
    const present = [...this.sizes.keys()].sort((x, y) => x - y);
    if (present.length > 1)
      return {
        kappa: null,
        reason: `units have different numbers of ratings (${present[0]} and ${present[present.length - 1]}); Fleiss' kappa needs the same number for every unit`,
        units,
        ratersPerUnit: null,
      };
    const m = present[0];
    if (m < 2) return { kappa: null, reason: 'every unit has a single rating', units, ratersPerUnit: m };
    if (this.valueTotals.size < 2)
      return { kappa: null, reason: 'no variation (every rating is the same)', units, ratersPerUnit: m };
    let agreeingPairs = 0;
    for (const [key, count] of this.pairs) {
      const [, c, k] = splitPairKey(key);
      if (c === k) agreeingPairs += count;
    }
    const observed = agreeingPairs / (units * m * (m - 1));
    let chance = 0;
    for (const index of this.presentIndices()) chance += ((this.valueTotals.get(index) as number) / (units * m)) ** 2;
    return { kappa: (observed - chance) / (1 - chance), units, ratersPerUnit: m };
  }

  /**
   * Cohen's kappa per coder pair, as cohenKappaPairs computes it; `name` maps a tallied coder to the name the result
   * uses (the pair keys "a|b" and their order follow the names).
   */
  cohenKappaPairs(
    options: CohenKappaOptions = {},
    name: (coder: string) => string = (coder) => coder,
  ): Record<string, CohenKappaPair> {
    const minShared = options.minShared ?? 10;
    if (!Number.isInteger(minShared) || minShared < 1)
      badInput('minShared', `must be a positive integer, got ${minShared}`);
    this.requireNominal();
    const pipe = [...this.coderTotals.keys()]
      .map((coder) => name(this.coderList[coder]))
      .find((coder) => coder.includes('|'));
    if (pipe !== undefined)
      badInput('coder', `ids used in "a|b" keys must not contain "|", got ${JSON.stringify(pipe)}`);
    const rows: { first: string; second: string; pair: CohenKappaPair }[] = [];
    for (const [pair, cells] of this.coderCells) {
      let n = 0;
      for (const count of cells.values()) n += count;
      if (n < minShared) continue;
      const a = name(this.coderList[Math.floor(pair / CODER_SPAN)]);
      const b = name(this.coderList[pair % CODER_SPAN]);
      const [first, second] = compareText(a, b) <= 0 ? [a, b] : [b, a];
      rows.push({ first, second, pair: { n, ...kappaOfCells(cells, n) } });
    }
    rows.sort((x, y) => compareText(x.first, y.first) || compareText(x.second, y.second));
    return Object.fromEntries(rows.map((row) => [`${row.first}|${row.second}`, row.pair]));
  }

  private apply(unit: TallyUnit, sign: 1 | -1): void {
    const coders: number[] = [];
    const values: number[] = [];
    for (const { coder, value } of unit) {
      if (value === null) continue;
      coders.push(this.internCoder(String(coder)));
      values.push(this.intern(requireLabelValue('value', value)));
    }
    const m = coders.length;
    if (m === 0) return;
    for (let i = 1; i < m; i++)
      for (let j = 0; j < i; j++)
        if (coders[i] === coders[j])
          badInput('coder', `coder ${JSON.stringify(this.coderList[coders[i]])} labelled one unit more than once`);
    bump(this.sizes, m, sign);
    const counts = new Map<number, number>();
    for (let i = 0; i < m; i++) {
      counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
      bump(this.valueTotals, values[i], sign);
      bump(this.coderTotals, coders[i], sign);
    }
    if (m < 2) return;
    const base = m * PAIR_SPAN;
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts)
        bump(this.pairs, base + c * VALUE_SPAN + k, sign * (c === k ? nc * (nc - 1) : nc * nk));
    }
    if (!this.keepsCoderPairs) return;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const [lo, hi] = coders[i] < coders[j] ? [i, j] : [j, i];
        const key = coders[lo] * CODER_SPAN + coders[hi];
        let cells = this.coderCells.get(key);
        if (!cells) this.coderCells.set(key, (cells = new Map()));
        bump(cells, values[lo] * VALUE_SPAN + values[hi], sign);
        if (cells.size === 0) this.coderCells.delete(key);
      }
    }
  }

  private internCoder(coder: string): number {
    let index = this.coderIndex.get(coder);
    if (index === undefined) {
      index = this.coderList.length;
      this.coderIndex.set(coder, index);
      this.coderList.push(coder);
    }
    return index;
  }

  private intern(value: LabelValue): number {
    let index = this.valueIndex.get(value);
    if (index === undefined) {
      index = this.valueList.length;
      this.valueIndex.set(value, index);
      this.valueList.push(value);
    }
    return index;
  }

  /** Indices of the values some label carries, in first-seen order. */
  private presentIndices(): number[] {
    return [...this.valueTotals.keys()].sort((x, y) => x - y);
  }

  private requireNominal(): void {
    levelScale(
      this.presentIndices().map((index) => this.valueList[index]),
      'nominal',
    );
  }

  /** Per present value: the number (interval, ratio) or mid-rank under the pairable marginals (ordinal); empty for nominal. */
  private positions(
    level: AlphaOptions['level'],
    present: number[],
    numbers: Float64Array | null,
    ascending: Int32Array | null,
    marginals: Float64Array,
  ): Float64Array {
    if (level === 'nominal') return new Float64Array(0);
    if (numbers) return numbers;
    const positions = new Float64Array(present.length);
    let below = 0;
    for (const i of ascending as Int32Array) {
      const m = marginals[present[i]];
      positions[i] = below + m / 2;
      below += m;
    }
    return positions;
  }
}

function splitPairKey(key: number): [number, number, number] {
  const m = Math.floor(key / PAIR_SPAN);
  const rest = key - m * PAIR_SPAN;
  return [m, Math.floor(rest / VALUE_SPAN), rest % VALUE_SPAN];
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next < 0) badInput('unit', 'removes values that were never added');
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** κ = (n·agree − Σ a_v b_v)/(n² − Σ a_v b_v) from "va,vb" cells (symmetric in the two coders). */
function kappaOfCells(cells: Map<number, number>, n: number): Omit<CohenKappaPair, 'n'> {
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  let agree = 0;
  for (const [cell, count] of cells) {
    const row = Math.floor(cell / VALUE_SPAN);
    const column = cell % VALUE_SPAN;
    if (row === column) agree += count;
    rows.set(row, (rows.get(row) ?? 0) + count);
    columns.set(column, (columns.get(column) ?? 0) + count);
  }
  let chancePairs = 0;
  for (const [value, count] of rows) chancePairs += count * (columns.get(value) ?? 0);
  if (chancePairs === n * n) return { kappa: null, reason: 'no variation (both coders used one and the same value)' };
  return { kappa: (n * agree - chancePairs) / (n * n - chancePairs) };
}
