import { kendallWByItem } from './kendall.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { atLine, lineError, linesOf, parseJsonLine, requireFields } from './jsonl.js';
import { normaliseId } from './labels.js';
import { rankingReliabilityData } from './ranking-alpha.js';
import { midRanks, type RankingEntry, type RankingLabel } from './rankings.js';

/** What `clinrank agreement --rankings` prints for `{item, coder, ranking}` lines. */
export interface RankingAgreementReport {
  /** Mean of the per-item Kendall's W (items where W is defined). */
  kendallW: number | null;
  alphaOrdinal: number | null;
  alphaInterval: number | null;
  items: number;
  reasons?: Partial<Record<'kendallW' | 'alphaOrdinal' | 'alphaInterval', string>>;
}

/** Reads `{item, coder, ranking: [responseId … best first]}` JSON lines into the ranking agreement report. */
export function rankingAgreementFromJsonLines(input: string | Iterable<string>): RankingAgreementReport {
  const reader = new RankingLineReader();
  for (const text of linesOf(input)) reader.read(text);
  return reader.report();
}

/** Same as rankingAgreementFromJsonLines, for a stream of lines. */
export async function rankingAgreementFromJsonLinesAsync(
  lines: AsyncIterable<string>,
): Promise<RankingAgreementReport> {
  const reader = new RankingLineReader();
  for await (const text of lines) reader.read(text);
  return reader.report();
}

class RankingLineReader {
  private readonly labels: RankingLabel[] = [];
  private readonly seen = new Map<string, number>();
  private line = 0;

  read(text: string): void {
    const line = ++this.line;
    const record = parseJsonLine(text, line);
    if (record === null) return;
    const label = atLine(line, () => {
      requireFields(record, ['item', 'coder', 'ranking']);
      const ranking = record.ranking as RankingEntry[];
      midRanks(ranking);
      return { item: normaliseId('item', record.item), coder: normaliseId('coder', record.coder), ranking };
    });
    const key = JSON.stringify([label.item, label.coder]);
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      throw lineError(
        line,
        `coder ${JSON.stringify(label.coder)} already ranked item ${JSON.stringify(label.item)} on line ${earlier}`,
        'coder',
      );
    this.seen.set(key, line);
    this.labels.push(label);
  }

  report(): RankingAgreementReport {
    const w = kendallWByItem(this.labels);
    const data = rankingReliabilityData(this.labels);
    const ordinal = krippendorffAlpha(data, { level: 'ordinal' });
    const interval = krippendorffAlpha(data, { level: 'interval' });
    const reasons: RankingAgreementReport['reasons'] = {};
    if (w.meanW === null) reasons.kendallW = 'no item was ranked by two or more coders over the same responses';
    if (ordinal.reason) reasons.alphaOrdinal = ordinal.reason;
    if (interval.reason) reasons.alphaInterval = interval.reason;
    return {
      kendallW: w.meanW,
      alphaOrdinal: ordinal.alpha,
      alphaInterval: interval.alpha,
      items: Object.keys(w.items).length,
      ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
    };
  }
}
