import { badInput } from './errors.js';
import { type Id, type Label, type LabelValue, normaliseId, requireLabelValue } from './labels.js';

/** Labels grouped by unit (CSR layout): unit u owns positions start[u] … start[u+1]−1 of coders/values. */
export interface LabelsByUnit {
  start: Int32Array;
  coders: Int32Array;
  values: Int32Array;
  /** Position of each grouped label in the order the labels were added. */
  origins: Int32Array;
}

const INITIAL_CAPACITY = 1024;

/**
 * Streaming-friendly store of reliability data: add(unit, coder, value) one label at a time, then compute.
 * Ids and values are interned, labels are kept as three int32 columns (12 bytes a label).
 */
export class ReliabilityData {
  private readonly unitIndex = new Map<string, number>();
  private readonly unitNames: string[] = [];
  private readonly coderIndex = new Map<string, number>();
  private readonly coderNames: string[] = [];
  private readonly valueIndex = new Map<LabelValue, number>();
  private readonly valueList: LabelValue[] = [];
  private unitColumn: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY);
  private coderColumn: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY);
  private valueColumn: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY);
  private size = 0;
  private grouped: LabelsByUnit | null = null;
  /** The grouping last verified free of repeated (unit, coder) labels. */
  private checked: LabelsByUnit | null = null;

  /** Builds a store from any iterable of labels. */
  static from(labels: Iterable<Label> | ReliabilityData): ReliabilityData {
    if (labels instanceof ReliabilityData) return labels;
    const data = new ReliabilityData();
    for (const label of labels) {
      if (label === null || typeof label !== 'object')
        badInput('label', 'must be an object with unit, coder and value');
      data.add(label.unit, label.coder, label.value);
    }
    return data;
  }

  /** Records one coder's value for one unit; a null value is a missing value and is ignored. */
  add(unit: Id, coder: Id, value: LabelValue | null): this {
    const unitName = normaliseId('unit', unit);
    const coderName = normaliseId('coder', coder);
    if (value === null) return this;
    const checked = requireLabelValue('value', value);
    if (this.size === this.unitColumn.length) this.grow();
    this.unitColumn[this.size] = intern(this.unitIndex, this.unitNames, unitName);
    this.coderColumn[this.size] = intern(this.coderIndex, this.coderNames, coderName);
    this.valueColumn[this.size] = intern(this.valueIndex, this.valueList, checked);
    this.size++;
    this.grouped = null;
    return this;
  }

  get labelCount(): number {
    return this.size;
  }
  get unitCount(): number {
    return this.unitNames.length;
  }
  get coderCount(): number {
    return this.coderNames.length;
  }
  /** Distinct values in first-seen order; a label's value is an index into this list. */
  get values(): readonly LabelValue[] {
    return this.valueList;
  }
  get coders(): readonly string[] {
    return this.coderNames;
  }
  get units(): readonly string[] {
    return this.unitNames;
  }

  /** Index of a coder id, or −1 when the coder never labelled anything. */
  coderIndexOf(coder: Id): number {
    return this.coderIndex.get(String(coder)) ?? -1;
  }

  /** Labels grouped by unit; throws when a coder labelled the same unit twice. Cached until the next add. */
  byUnit(): LabelsByUnit {
    const grouped = this.grouping();
    if (this.checked === grouped) return grouped;
    const repeat = this.firstRepeat(grouped);
    if (repeat !== null) {
      badInput(
        'coder',
        `coder ${JSON.stringify(this.coderNames[repeat.coder])} labelled unit ${JSON.stringify(this.unitNames[repeat.unit])} more than once`,
      );
    }
    this.checked = grouped;
    return grouped;
  }

  /** The first coder found labelling a unit twice, with both labels' positions in the order they were added; null if none. */
  repeatedLabel(): { unit: string; coder: string; first: number; second: number } | null {
    const repeat = this.firstRepeat(this.grouping());
    if (repeat === null) return null;
    return {
      unit: this.unitNames[repeat.unit],
      coder: this.coderNames[repeat.coder],
      first: repeat.first,
      second: repeat.second,
    };
  }

  private grouping(): LabelsByUnit {
    if (this.grouped === null) this.grouped = this.groupByUnit();
    return this.grouped;
  }

  private groupByUnit(): LabelsByUnit {
    const unitCount = this.unitNames.length;
    const start = new Int32Array(unitCount + 1);
    for (let i = 0; i < this.size; i++) start[this.unitColumn[i] + 1]++;
    for (let u = 0; u < unitCount; u++) start[u + 1] += start[u];
    const cursor = start.slice(0, unitCount);
    const coders = new Int32Array(this.size);
    const values = new Int32Array(this.size);
    const origins = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const position = cursor[this.unitColumn[i]]++;
      coders[position] = this.coderColumn[i];
      values[position] = this.valueColumn[i];
      origins[position] = i;
    }
    return { start, coders, values, origins };
  }

  private firstRepeat({
    start,
    coders,
    origins,
  }: LabelsByUnit): { unit: number; coder: number; first: number; second: number } | null {
    const lastSeenAt = new Int32Array(this.coderNames.length).fill(-1);
    for (let u = 0; u < this.unitNames.length; u++) {
      for (let j = start[u]; j < start[u + 1]; j++) {
        const previous = lastSeenAt[coders[j]];
        if (previous >= start[u]) return { unit: u, coder: coders[j], first: origins[previous], second: origins[j] };
        lastSeenAt[coders[j]] = j;
      }
    }
    return null;
  }

  private grow(): void {
    const capacity = this.unitColumn.length * 2;
    this.unitColumn = resized(this.unitColumn, capacity);
    this.coderColumn = resized(this.coderColumn, capacity);
    this.valueColumn = resized(this.valueColumn, capacity);
  }
}

function intern<K>(index: Map<K, number>, list: K[], key: K): number {
  let position = index.get(key);
  if (position === undefined) {
    position = list.length;
    index.set(key, position);
    list.push(key);
  }
  return position;
}

function resized(column: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(column);
  return next;
}
