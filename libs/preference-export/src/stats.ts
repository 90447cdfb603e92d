import type { TaskKind } from '@clinrank/domain';
import { modalCategory, type PairTally } from './aggregate.js';
import type { ExclusionReason } from './filters.js';
import { SPLIT_NAMES, type SplitName } from './request.js';
import { hash48 } from './split.js';
import type { ExportLabel } from './types.js';

const SPLIT_BITS: Record<SplitName, number> = { train: 1, validation: 2, test: 4 };

export interface SplitCounts {
  items: number;
  records: number;
}

export interface FileDigest {
  name: string;
  sha256: string;
  bytes: number;
  records: number;
}

/** Mean share of the most common outcome over pairs with at least two votes, and the fraction where all votes agree. */
export interface AgreementSummary {
  pairsWithTwoOrMoreVotes: number;
  meanVoteShare: number | null;
  fractionUnanimous: number | null;
  /** Why the figures are null, when they are. */
  reason: string | null;
}

/** Everything counted while streaming an export. */
export interface ExportStats {
  itemsSeen: number;
  itemsExported: number;
  /** Exported items whose outcome under the criterion is a lead's ruling. */
  itemsAdjudicated: number;
  /** Distinct answer texts (trimmed) of exported items that appear in more than one split. */
  answerTextsInSeveralSplits: number;
  /** Pairs left out because their two answers have the same text once whitespace is trimmed (ties included). */
  pairsDroppedIdenticalText: number;
  excluded: Partial<Record<ExclusionReason, number>>;
  splits: Record<SplitName, SplitCounts>;
  /** Labels behind the exported items, by label kind. */
  labelsByKind: Partial<Record<TaskKind, number>>;
  /** Records by item language. */
  recordsByLanguage: Record<string, number>;
  /** Labels behind the exported items, by pseudonymous annotator. */
  labelsByAnnotator: Record<string, number>;
  /** Items per stratum ("language|specialty") and split, to see how far a stratum strays from the target fractions. */
  itemsByStratum: Record<string, Record<SplitName, number>>;
  agreement: AgreementSummary;
  files: FileDigest[];
}

/** Accumulates ExportStats one item at a time. */
export class StatsCollector {
  private readonly stats: Omit<ExportStats, 'agreement' | 'files' | 'answerTextsInSeveralSplits'>;
  private sharesSum = 0;
  private sharedPairs = 0;
  private unanimousPairs = 0;
  /** 48-bit hash of a trimmed answer text → bit mask of the splits it appeared in. */
  private readonly answerSplits = new Map<number, number>();

  constructor() {
    const splits = Object.fromEntries(SPLIT_NAMES.map((name) => [name, { items: 0, records: 0 }])) as Record<
      SplitName,
      SplitCounts
    >;
    this.stats = {
      itemsSeen: 0,
      itemsExported: 0,
      itemsAdjudicated: 0,
      pairsDroppedIdenticalText: 0,
      excluded: {},
      splits,
      labelsByKind: {},
      recordsByLanguage: {},
      labelsByAnnotator: {},
      itemsByStratum: {},
    };
  }

  /** Counts an item seen on the input. */
  seen(): void {
    this.stats.itemsSeen++;
  }

  /** Counts an exported item whose outcome a lead's ruling decided. */
  adjudicated(): void {
    this.stats.itemsAdjudicated++;
  }

  /** Records that an answer text of an exported item went to this split. */
  answerText(text: string, split: SplitName): void {
    // 52 bits of MD5 keep memory flat (no text is held); trimming only, as the identical-pair rule does.
    const key = hash48('md5', text.trim());
    this.answerSplits.set(key, (this.answerSplits.get(key) ?? 0) | SPLIT_BITS[split]);
  }

  /** Counts pairs of identical answer texts left out. */
  identicalPairs(count: number): void {
    this.stats.pairsDroppedIdenticalText += count;
  }

  /** Counts an item left out, and why. */
  excludedItem(reason: ExclusionReason): void {
    this.stats.excluded[reason] = (this.stats.excluded[reason] ?? 0) + 1;
  }

  /** Counts an exported item with its records, labels and pair tallies. */
  exported(
    split: SplitName,
    stratum: string,
    language: string,
    records: number,
    labels: ExportLabel[],
    tallies: PairTally[],
  ): void {
    const { stats } = this;
    stats.itemsExported++;
    stats.splits[split].items++;
    stats.splits[split].records += records;
    stats.recordsByLanguage[language] = (stats.recordsByLanguage[language] ?? 0) + records;
    const strata = (stats.itemsByStratum[stratum] ??= { train: 0, validation: 0, test: 0 });
    strata[split]++;
    for (const label of labels) {
      stats.labelsByKind[label.content.kind] = (stats.labelsByKind[label.content.kind] ?? 0) + 1;
      stats.labelsByAnnotator[label.annotatorId] = (stats.labelsByAnnotator[label.annotatorId] ?? 0) + 1;
    }
    for (const tally of tallies) this.addAgreement(tally);
  }

  private addAgreement(tally: PairTally): void {
    if (tally.votes.length < 2) return;
    const { share } = modalCategory(tally);
    this.sharedPairs++;
    this.sharesSum += share;
    if (share === 1) this.unanimousPairs++;
  }

  /** The final stats with the digests of the files written. */
  result(files: FileDigest[]): ExportStats {
    const agreement: AgreementSummary =
      this.sharedPairs === 0
        ? {
            pairsWithTwoOrMoreVotes: 0,
            meanVoteShare: null,
            fractionUnanimous: null,
            reason: 'no response pair has two or more votes',
          }
        : {
            pairsWithTwoOrMoreVotes: this.sharedPairs,
            meanVoteShare: this.sharesSum / this.sharedPairs,
            fractionUnanimous: this.unanimousPairs / this.sharedPairs,
            reason: null,
          };
    let answerTextsInSeveralSplits = 0;
    for (const mask of this.answerSplits.values()) if (mask & (mask - 1)) answerTextsInSeveralSplits++;
    return { ...this.stats, answerTextsInSeveralSplits, agreement, files };
  }
}
