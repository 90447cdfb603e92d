import { createRng } from '@clinrank/statistics';
import { badInput } from './errors.js';

/** One game: 1 if `a` won, 0 if `b` won, 0.5 for a tie. */
export interface EloGame {
  a: string;
  b: string;
  scoreA: number;
}

export interface EloOptions {
  /** Update step (default 4: small, so the order of games matters little). */
  k?: number;
  /** Rating points per factor of 10 in odds (default 400). */
  scale?: number;
  /** Starting rating (default 1000). */
  initial?: number;
  /** Number of seeded shuffles to average over (default 100); 0 plays the games once in the given order. */
  permutations?: number;
  seed?: number;
}

/** Online Elo ratings, averaged over seeded random orders of the games; models in ascending name order. */
export function eloRatings(games: readonly EloGame[], options: EloOptions = {}): Map<string, number> {
  const k = options.k ?? 4;
  const scale = options.scale ?? 400;
  const initial = options.initial ?? 1000;
  const permutations = options.permutations ?? 100;
  if (!(k > 0)) badInput('k', `must be positive, got ${k}`);
  if (!(scale > 0)) badInput('scale', `must be positive, got ${scale}`);
  if (!Number.isFinite(initial)) badInput('initial', `must be a finite number, got ${initial}`);
  if (!Number.isInteger(permutations) || permutations < 0)
    badInput('permutations', `must be a non-negative integer, got ${permutations}`);
  const models = [...new Set(games.flatMap((game) => [game.a, game.b]))].sort();
  if (permutations === 0) return playInOrder(games, models, { k, scale, initial });
  const rng = createRng(options.seed ?? 0);
  const totals = new Map(models.map((model) => [model, 0]));
  for (let p = 0; p < permutations; p++) {
    for (const [model, rating] of playInOrder(shuffled(games, rng), models, { k, scale, initial }))
      totals.set(model, (totals.get(model) as number) + rating);
  }
  return new Map(models.map((model) => [model, (totals.get(model) as number) / permutations]));
}

function playInOrder(
  games: readonly EloGame[],
  models: readonly string[],
  settings: { k: number; scale: number; initial: number },
): Map<string, number> {
  const ratings = new Map(models.map((model) => [model, settings.initial]));
  for (const game of games) {
    const ratingA = ratings.get(game.a) as number;
    const ratingB = ratings.get(game.b) as number;
    const expectedA = 1 / (1 + 10 ** ((ratingB - ratingA) / settings.scale));
    const delta = settings.k * (game.scoreA - expectedA);
    ratings.set(game.a, ratingA + delta);
    ratings.set(game.b, ratingB - delta);
  }
  return ratings;
}

/** Fisher–Yates shuffle of a copy. */
function shuffled<T>(values: readonly T[], rng: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
