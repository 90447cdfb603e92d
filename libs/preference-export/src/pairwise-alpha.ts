import { alphaFromCoincidences, normalisePairwise, type NormalisedChoice } from '@clinrank/agreement';
import type { ExportItem, ExportLabel } from './types.js';

const CHOICES: NormalisedChoice[] = ['first', 'second', 'tie', 'both_bad'];

export interface AlphaSummary {
  krippendorffAlpha: number | null;
  krippendorffAlphaLevel: 'nominal';
  krippendorffAlphaCriterion: string;
  krippendorffAlphaUnits: number;
  krippendorffAlphaReason: string | null;
}

/**
 * Krippendorff's alpha (nominal: first / second / tie / both_bad) over the pairwise judgements on one criterion,
 * accumulated item by item into a 4×4 coincidence matrix, so memory stays flat whatever the number of labels.
 * A unit is one response pair of one item; only units with two or more judgements count (Krippendorff's m_u ≥ 2).
 */
export class StreamingPairwiseAlpha {
  private readonly matrix = CHOICES.map(() => CHOICES.map(() => 0));
  private units = 0;

  constructor(private readonly criterion: string) {}

  /** Adds the judgements of one item's labels (non-pairwise labels are ignored). */
  addItem(item: ExportItem, labels: ExportLabel[] = item.labels): void {
    const byUnit = new Map<string, number[]>();
    for (const label of labels) {
      if (label.content.kind !== 'pairwise') continue;
      const judgement = label.content.judgements[this.criterion];
      if (!judgement) continue;
      const { a, b } = label.content;
      const unit = isWellFormed(a, b, judgement) ? (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`) : null;
      // Malformed judgements go through normalisePairwise, which names what is wrong.
      const choice =
        unit === null
          ? normalisePairwise({
              item: item.id,
              criterion: this.criterion,
              coder: label.annotatorId,
              a,
              b,
              ...judgement,
            }).choice
          : choiceOf(a, b, judgement.choice);
      const key = unit ?? JSON.stringify([a, b].sort());
      let counts = byUnit.get(key);
      if (counts === undefined) byUnit.set(key, (counts = [0, 0, 0, 0]));
      counts[CHOICES.indexOf(choice)] += 1;
    }
    for (const counts of byUnit.values()) this.addUnit(counts);
  }

  /** o_ck += n_c·n_k/(m_u − 1) (c ≠ k), n_c·(n_c − 1)/(m_u − 1) on the diagonal. */
  private addUnit(counts: number[]): void {
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (total < 2) return;
    this.units += 1;
    for (let c = 0; c < counts.length; c++) {
      for (let k = 0; k < counts.length; k++)
        this.matrix[c][k] += (c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]) / (total - 1);
    }
  }

  /** The alpha so far, or null with the reason when it is undefined. */
  result(): AlphaSummary {
    const marginals = this.matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
    const n = marginals.reduce((sum, cell) => sum + cell, 0);
    const alpha =
      this.units === 0
        ? null
        : alphaFromCoincidences({ values: CHOICES, matrix: this.matrix, marginals, n }, { level: 'nominal' });
    const reason =
      this.units === 0
        ? `no response pair has two or more pairwise judgements on "${this.criterion}"`
        : alpha === null
          ? 'every judgement has the same value (no expected disagreement)'
          : null;
    return {
      krippendorffAlpha: alpha === null ? null : round(alpha),
      krippendorffAlphaLevel: 'nominal',
      krippendorffAlphaCriterion: this.criterion,
      krippendorffAlphaUnits: this.units,
      krippendorffAlphaReason: reason,
    };
  }
}

// The item and criterion are fixed within addItem, so the ordered response pair alone identifies a unit.
function isWellFormed(a: unknown, b: unknown, judgement: { choice: unknown; strength?: unknown }): a is string {
  const validChoice =
    judgement.choice === 'a' ||
    judgement.choice === 'b' ||
    judgement.choice === 'tie' ||
    judgement.choice === 'both_bad';
  const validStrength =
    judgement.strength == null || judgement.strength === 'slightly' || judgement.strength === 'much';
  return (
    typeof a === 'string' &&
    typeof b === 'string' &&
    a.length > 0 &&
    b.length > 0 &&
    a !== b &&
    validChoice &&
    validStrength
  );
}

/** The choice relative to response identity (as normalisePairwise): `first` means the smaller response id wins. */
function choiceOf(a: string, b: string, choice: string): NormalisedChoice {
  if (choice === 'tie' || choice === 'both_bad') return choice;
  return (choice === 'a') === a < b ? 'first' : 'second';
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
