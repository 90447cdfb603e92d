import {
  CompactUnitsBuilder,
  kendallWByItem,
  ReliabilityTally,
  type CompactUnits,
  type ReliabilityTallyState,
  type TallyValue,
  type LoadedLabel,
  unitsOf,
} from '@clinrank/agreement';
import { OVERALL_CRITERION, type LabelContent, type TaskKind } from '@clinrank/domain';

/** One label of an item as the tally reads it: who gave it, what it says, and (pairwise) the item positions of its pair. */
export interface TallyLabel {
  annotator: string;
  content: LabelContent;
  positions: [number, number] | null;
}

/** Which reliability data of a criterion: what nominal statistics compare, or what ordinal/interval ones compare. */
export type TallyScale = 'categorical' | 'scaled';

export interface ProjectTallyState {
  labels: number;
  items: number;
  /** [annotator id, labels]. */
  annotators: [string, number][];
  /** [criterion, labels that judge it]. */
  criteria: [string, number][];
  /** Rankings: Σ of the per-item Kendall's W, and the items that have one. */
  kendall: { sum: number; items: number };
  tallies: { criterion: string; scale: TallyScale; state: ReliabilityTallyState }[];
}

/** The criteria an item's labels judge (rankings and validations judge `overall` only). */
function criteriaOfLabel(content: LabelContent): string[] {
  if (content.kind === 'pairwise') return Object.keys(content.judgements);
  if (content.kind === 'rating') return Object.keys(content.scores);
  return [OVERALL_CRITERION];
}

/** The scales a project kind keeps apart: pairwise keeps signed strengths beside the categories; ratings and rankings compare the same numbers. */
export function scalesOf(kind: TaskKind): TallyScale[] {
  return kind === 'pairwise' ? ['categorical', 'scaled'] : ['categorical'];
}

/**
 * A project's agreement as sufficient statistics: per criterion and scale a ReliabilityTally, plus the counts the summary
 * shows. An item's labels are added or removed together (every reliability unit lies within one item), so a change to
 * an item is "remove the item as it was, add it as it is".
 */
export class ProjectTally {
  labels = 0;
  items = 0;
  private readonly annotators = new Map<string, number>();
  private readonly criteria = new Map<string, number>();
  private kendallSum = 0;
  private kendallItems = 0;
  private readonly tallies = new Map<string, ReliabilityTally>();

  constructor(readonly kind: TaskKind) {}

  static fromJSON(kind: TaskKind, state: ProjectTallyState): ProjectTally {
    const tally = new ProjectTally(kind);
    tally.labels = state.labels;
    tally.items = state.items;
    for (const [annotator, count] of state.annotators) tally.annotators.set(annotator, count);
    for (const [criterion, count] of state.criteria) tally.criteria.set(criterion, count);
    tally.kendallSum = state.kendall.sum;
    tally.kendallItems = state.kendall.items;
    for (const entry of state.tallies)
      tally.tallies.set(
        key(entry.criterion, entry.scale),
        ReliabilityTally.fromJSON(entry.state, options(entry.scale)),
      );
    return tally;
  }

  toJSON(): ProjectTallyState {
    return {
      labels: this.labels,
      items: this.items,
      annotators: [...this.annotators],
      criteria: [...this.criteria],
      kendall: { sum: this.kendallSum, items: this.kendallItems },
      tallies: [...this.tallies].map(([name, tally]) => {
        const [criterion, scale] = name.split('\u001f') as [string, TallyScale];
        return { criterion, scale, state: tally.toJSON() };
      }),
    };
  }

  /** Annotators with at least one label. */
  get coders(): number {
    return this.annotators.size;
  }

  /** Annotators with at least one label. */
  get annotatorIds(): string[] {
    return [...this.annotators.keys()];
  }

  /** Criteria some label judges. */
  get labelledCriteria(): string[] {
    return [...this.criteria.keys()];
  }

  /** The tally of a criterion at a scale (an empty one when nothing was labelled). */
  tally(criterion: string, scale: TallyScale): ReliabilityTally {
    return this.tallies.get(key(criterion, scale)) ?? new ReliabilityTally();
  }

  /** Mean per-item Kendall's W (rankings), and over how many items. */
  get kendall(): { meanW: number | null; items: number } {
    return { meanW: this.kendallItems === 0 ? null : this.kendallSum / this.kendallItems, items: this.kendallItems };
  }

  /**
   * Adds (sign 1) or removes (sign −1) one item's labels; `sink` receives each unit's values (for the bootstrap), and
   * with `onlySink` the tally itself is left as it is.
   */
  applyItem(labels: readonly TallyLabel[], sign: 1 | -1, sink?: CompactSink, onlySink = false): void {
    if (labels.length === 0) return;
    this.labels += sign * labels.length;
    this.items += sign;
    const criteria = new Set<string>();
    for (const label of labels) {
      bump(this.annotators, label.annotator, sign);
      for (const criterion of criteriaOfLabel(label.content)) {
        criteria.add(criterion);
        bump(this.criteria, criterion, sign);
      }
    }
    const loaded = labels.map((label) => asLoaded(label));
    for (const criterion of [...criteria].sort()) {
      const categorical = new Map<string, TallyValue[]>();
      const scaled = new Map<string, TallyValue[]>();
      for (const label of loaded) {
        for (const unit of unitsOf(label, criterion)) {
          push(categorical, String(unit.unit), { coder: label.coder, value: unit.value });
          push(scaled, String(unit.unit), { coder: label.coder, value: unit.scaled });
        }
      }
      if (onlySink && sink) {
        for (const values of categorical.values()) sink.unit(criterion, 'categorical', values);
        if (this.kind === 'pairwise') for (const values of scaled.values()) sink.unit(criterion, 'scaled', values);
        continue;
      }
      this.applyUnits(criterion, 'categorical', categorical, sign, sink);
      if (this.kind === 'pairwise') this.applyUnits(criterion, 'scaled', scaled, sign, sink);
    }
    if (this.kind === 'ranking') {
      const { meanW } = kendallWByItem(
        labels.flatMap((label) =>
          label.content.kind === 'ranking'
            ? [{ item: 'item', coder: label.annotator, ranking: label.content.ranking }]
            : [],
        ),
      );
      if (meanW !== null) {
        this.kendallSum += sign * meanW;
        this.kendallItems += sign;
        if (this.kendallItems === 0) this.kendallSum = 0;
      }
    }
  }

  private applyUnits(
    criterion: string,
    scale: TallyScale,
    units: Map<string, TallyValue[]>,
    sign: 1 | -1,
    sink?: CompactSink,
  ): void {
    const name = key(criterion, scale);
    let tally = this.tallies.get(name);
    if (!tally) this.tallies.set(name, (tally = new ReliabilityTally(options(scale))));
    for (const values of units.values()) {
      if (sign === 1) tally.add(values);
      else tally.remove(values);
      sink?.unit(criterion, scale, values);
    }
    if (tally.labelCount === 0 && tally.unitCount === 0) this.tallies.delete(name);
  }
}

/** Collects every unit's values per criterion and scale, in the order the items come, as CompactUnits for the bootstrap. */
export class CompactSink {
  private readonly builders = new Map<string, CompactUnitsBuilder>();

  unit(criterion: string, scale: TallyScale, values: readonly TallyValue[]): void {
    const name = key(criterion, scale);
    let builder = this.builders.get(name);
    if (!builder) this.builders.set(name, (builder = new CompactUnitsBuilder()));
    builder.addUnit(values.map((value) => value.value));
  }

  build(): Map<string, CompactUnits> {
    return new Map([...this.builders].map(([name, builder]) => [name, builder.build()]));
  }
}

/** The key of a criterion and scale in tallies and bootstrap inputs. */
export function key(criterion: string, scale: TallyScale): string {
  return `${criterion}\u001f${scale}`;
}

/** Cohen's kappa is shown on the categories only: the scaled tally keeps no coder-pair cells. */
function options(scale: TallyScale): { coderPairs: boolean } {
  return { coderPairs: scale === 'categorical' };
}

function asLoaded(label: TallyLabel): LoadedLabel {
  // Units are named within one item, so one item key serves every label of it.
  return {
    item: 'item',
    itemKey: 'i',
    coder: label.annotator,
    content: label.content,
    shownFirst: null,
    timeSpentMs: 0,
    timed: false,
    at: 0,
    positions: label.positions,
  };
}

function push(units: Map<string, TallyValue[]>, unit: string, value: TallyValue): void {
  const values = units.get(unit);
  if (values) values.push(value);
  else units.set(unit, [value]);
}

function bump(map: Map<string, number>, name: string, by: number): void {
  const next = (map.get(name) ?? 0) + by;
  if (next === 0) map.delete(name);
  else map.set(name, next);
}
