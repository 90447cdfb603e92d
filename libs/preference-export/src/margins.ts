import type { MarginKind } from './request.js';
import type { PreferencePair } from './types.js';

/**
 * The `margin` written on a pair record (null: none). `votes`: (votes for chosen − votes for rejected) / all votes on
 * the pair, in [0, 1] (0 for a Bradley–Terry pair nobody compared directly). `probability`: P(chosen ≻ rejected), in
 * (0.5, 1): the fitted Bradley–Terry probability, or for the other policies the posterior mean under a uniform prior,
 * (chosen + (tie + both bad) / 2 + 1) / (votes + 2). Rounded to 1e-6 so files are byte-stable.
 */
export function pairMargin(pair: PreferencePair, kind: MarginKind): number | null {
  if (kind === 'none') return null;
  const { chosen, rejected, tie, bothBad } = pair.votes;
  const total = chosen + rejected + tie + bothBad;
  const value =
    kind === 'votes'
      ? total === 0
        ? 0
        : Math.max(0, chosen - rejected) / total
      : (pair.probability ?? (chosen + (tie + bothBad) / 2 + 1) / (total + 2));
  return Math.round(value * 1e6) / 1e6;
}
