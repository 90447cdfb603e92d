import type { CompactUnits, LabelValue } from '@clinrank/agreement';
import { CodeTally } from './code-tally.js';
import { key, type ProjectTallyState } from './project-tally.js';
import { UUID_TEXT_BYTES, UuidIndex } from './uuid-index.js';

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const CATEGORIES: LabelValue[] = ['first', 'second', 'tie', 'both_bad'];
/** Signed strengths −2 … +2 by code (signed + 2). */
const STRENGTHS: LabelValue[] = [-2, -1, 0, 1, 2];

/** Thrown inside the build when a row needs the generic scan; the build answers null. */
class NeedsGenericScan extends Error {}

/**
 * A pairwise project's ProjectTally and bootstrap units, built from the COPY rows of AgreementTallyRepository.copyPairwise
 * (positions, then labels ordered by item) with typed arrays and no per-label objects. It gives what ProjectTally.applyItem
 * gives over the same labels in the same order; `result()` is null when some label needs the generic scan (another
 * kind of content, a criterion outside the list, an unknown or repeated response, a coder twice in a unit).
 */
export class PairwiseColdBuild {
  private readonly responses = new UuidIndex();
  private positions = new Int32Array(1024);
  private readonly coders = new UuidIndex();
  private coderLabels: number[] = [];
  private readonly criterionLabels: number[];
  private readonly tallies: { categorical: CodeTally; scaled: CodeTally }[];
  private readonly item = new Uint8Array(UUID_TEXT_BYTES);
  private started = false;
  private failed = false;
  private labels = 0;
  private items = 0;
  // The current item's labels: coder, the pair (lo, hi) as ordered by position, whether side a is lo, and the codes.
  private count = 0;
  private coder = new Int32Array(16);
  private lo = new Int32Array(16);
  private hi = new Int32Array(16);
  private aFirst = new Uint8Array(16);
  private codes = new Int8Array(16 * 8);
  // The current criterion's units (distinct pairs) in the item; an item has at most as many as labels.
  private unitLo = new Int32Array(16);
  private unitHi = new Int32Array(16);

  /** `criteria`: the list the COPY coded, in its order. */
  constructor(private readonly criteria: readonly string[]) {
    this.criterionLabels = criteria.map(() => 0);
    this.tallies = criteria.map(() => ({
      categorical: new CodeTally(CATEGORIES, true),
      scaled: new CodeTally(STRENGTHS, false),
    }));
  }

  /** One row "response id \t position \n". */
  position(row: Buffer): void {
    const index = this.responses.add(row, 0);
    if (index >= this.positions.length) this.positions = grownInt(this.positions, index + 1);
    this.positions[index] = readInt(row, UUID_TEXT_BYTES + 1);
  }

  /** One label row (see the COPY's columns). */
  label(row: Buffer): void {
    if (this.failed) return;
    try {
      this.readLabel(row);
    } catch (error) {
      if (!(error instanceof NeedsGenericScan)) throw error;
      this.failed = true;
    }
  }

  /** The tally's state and every unit's values per criterion and scale, or null when the generic scan must run. */
  result(): { state: ProjectTallyState; compact: Map<string, CompactUnits> } | null {
    if (this.failed) return null;
    try {
      this.flush();
    } catch (error) {
      if (!(error instanceof NeedsGenericScan)) throw error;
      return null;
    }
    const name = (coder: number) => this.coders.text(coder);
    const tallies: ProjectTallyState['tallies'] = [];
    const compact = new Map<string, CompactUnits>();
    this.criteria.forEach((criterion, c) => {
      for (const scale of ['categorical', 'scaled'] as const) {
        const tally = this.tallies[c][scale];
        if (tally.empty) continue;
        tallies.push({ criterion, scale, state: tally.state(name) });
        compact.set(key(criterion, scale), tally.compact());
      }
    });
    const state: ProjectTallyState = {
      labels: this.labels,
      items: this.items,
      annotators: this.coderLabels.map((count, coder) => [name(coder), count]),
      criteria: this.criteria.flatMap((criterion, c) =>
        this.criterionLabels[c] > 0 ? [[criterion, this.criterionLabels[c]] as [string, number]] : [],
      ),
      kendall: { sum: 0, items: 0 },
      tallies,
    };
    return { state, compact };
  }

  private readLabel(row: Buffer): void {
    if (row[row.length - 1] !== NEWLINE) throw new Error('agreement tally: a COPY row without its newline');
    if (!this.started || !sameBytes(this.item, row, 0)) {
      this.flush();
      this.item.set(row.subarray(0, UUID_TEXT_BYTES));
      this.started = true;
    }
    const coder = this.coders.add(row, UUID_TEXT_BYTES + 1);
    if (coder === this.coderLabels.length) this.coderLabels.push(0);
    this.coderLabels[coder]++;
    let at = 2 * (UUID_TEXT_BYTES + 1);
    const a = this.positionAt(row, at);
    at += UUID_TEXT_BYTES + 1;
    const b = this.positionAt(row, at);
    at += UUID_TEXT_BYTES + 1;
    // a and b at one position: the lib refuses the label ("must differ from a").
    if (a === b || row[at] !== 48 /* 0: no generic scan needed */) throw new NeedsGenericScan();
    at += 2;
    const n = this.count++;
    if (n === this.coder.length) this.growItem();
    const aFirst = keyOrder(a, b) < 0;
    this.coder[n] = coder;
    this.lo[n] = aFirst ? a : b;
    this.hi[n] = aFirst ? b : a;
    this.aFirst[n] = aFirst ? 1 : 0;
    const K = this.criteria.length;
    // One code per criterion (the COPY has as many columns); the last ends the row.
    for (let c = 0; c < K; c++) {
      const code = readInt(row, at);
      if (code < 0) throw new NeedsGenericScan();
      this.codes[n * 8 + c] = code;
      if (code > 0) this.criterionLabels[c]++;
      while (at < row.length && row[at] !== TAB && row[at] !== NEWLINE) at++;
      at++;
    }
    if (at !== row.length) throw new Error('agreement tally: a COPY row with other columns than its criteria');
  }

  private positionAt(row: Buffer, at: number): number {
    if (row[at] === BACKSLASH) throw new NeedsGenericScan(); // \N: no response id
    const index = this.responses.find(row, at);
    if (index === -1 || row[at + UUID_TEXT_BYTES] !== TAB) throw new NeedsGenericScan();
    return this.positions[index];
  }

  /** Adds the current item's units, criterion by criterion, as ProjectTally.applyItem does. */
  private flush(): void {
    const n = this.count;
    if (n === 0) return;
    this.labels += n;
    this.items++;
    for (let c = 0; c < this.criteria.length; c++) {
      // The item's units of this criterion: its distinct pairs, in first-seen order.
      let units = 0;
      for (let i = 0; i < n; i++) {
        if (this.codes[i * 8 + c] === 0) continue;
        let u = 0;
        while (u < units && (this.unitLo[u] !== this.lo[i] || this.unitHi[u] !== this.hi[i])) u++;
        if (u === units) {
          this.unitLo[u] = this.lo[i];
          this.unitHi[u] = this.hi[i];
          units++;
        }
      }
      const { categorical, scaled } = this.tallies[c];
      this.addUnits(c, units, categorical, categoryCode);
      this.addUnits(c, units, scaled, strengthCode);
    }
    this.count = 0;
  }

  /** The item's units of criterion c into one scale's tally, each value coded by `value`. */
  private addUnits(c: number, units: number, tally: CodeTally, value: (code: number, aFirst: boolean) => number): void {
    const n = this.count;
    for (let u = 0; u < units; u++) {
      tally.begin();
      for (let i = 0; i < n; i++) {
        const code = this.codes[i * 8 + c];
        if (code !== 0 && this.lo[i] === this.unitLo[u] && this.hi[i] === this.unitHi[u])
          tally.value(this.coder[i], value(code, this.aFirst[i] === 1));
      }
      if (!tally.end()) throw new NeedsGenericScan();
    }
  }

  private growItem(): void {
    const size = this.coder.length * 2;
    this.coder = grownInt(this.coder, size);
    this.lo = grownInt(this.lo, size);
    this.hi = grownInt(this.hi, size);
    const aFirst = new Uint8Array(size);
    aFirst.set(this.aFirst);
    this.aFirst = aFirst;
    const codes = new Int8Array(size * 8);
    codes.set(this.codes);
    this.codes = codes;
    this.unitLo = grownInt(this.unitLo, size);
    this.unitHi = grownInt(this.unitHi, size);
  }
}

/** Code 1 + 3·choice + strength → first (0), second (1), tie (2), both_bad (3), relative to the pair's order. */
function categoryCode(code: number, aFirst: boolean): number {
  const choice = Math.floor((code - 1) / 3);
  if (choice >= 2) return choice;
  return aFirst ? choice : 1 - choice;
}

/** Code → signed strength + 2 (−2 much first … +2 much second), −1 for both_bad. */
function strengthCode(code: number, aFirst: boolean): number {
  const choice = Math.floor((code - 1) / 3);
  if (choice === 2) return 2;
  if (choice === 3) return -1;
  const magnitude = (code - 1) % 3 === 2 ? 2 : 1;
  const first = (choice === 0) === aFirst;
  return first ? 2 - magnitude : 2 + magnitude;
}

/** The order of two positions' unit keys (zero-padded to three digits, compared as text, as agreement-units does). */
function keyOrder(a: number, b: number): number {
  if (a >= 0 && a < 1000 && b >= 0 && b < 1000) return a - b;
  const x = String(a).padStart(3, '0');
  const y = String(b).padStart(3, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

function sameBytes(kept: Uint8Array, row: Buffer, at: number): boolean {
  for (let i = 0; i < UUID_TEXT_BYTES; i++) if (kept[i] !== row[at + i]) return false;
  return true;
}

/** A (possibly negative) decimal integer at `at`, up to the next tab or newline. */
function readInt(row: Buffer, at: number): number {
  let sign = 1;
  if (row[at] === 45) {
    sign = -1;
    at++;
  }
  let value = 0;
  for (let byte = row[at]; byte >= 48 && byte <= 57; byte = row[++at]) value = value * 10 + byte - 48;
  return sign * value;
}

function grownInt(array: Int32Array, least: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(least, array.length * 2));
  next.set(array);
  return next;
}
