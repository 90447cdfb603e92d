import {
  decideOverlap,
  DEFAULT_OVERLAP_CONFIDENCE,
  fitDawidSkene,
  PAIRWISE_SWAP,
  posteriorMode,
  posteriorOf,
  validateAdaptiveOverlap,
  type AdaptiveOverlap,
  type DawidSkeneModel,
  type DsLabel,
} from '@clinrank/agreement';
import { OVERALL_CRITERION, PAIRWISE_CHOICES } from '@clinrank/domain';
import { createRng } from '@clinrank/statistics';
import { badInput } from './errors.js';
import type { RatedItem } from './rated-items.js';

export const LABELLING_STRATEGIES = ['fixed', 'adaptive'] as const;
export type LabellingStrategy = (typeof LABELLING_STRATEGIES)[number];

export const DEFAULT_ADAPTIVE_OVERLAP: AdaptiveOverlap = { min: 2, max: 5, confidence: DEFAULT_OVERLAP_CONFIDENCE };

export interface LabellingSimulationOptions {
  /** Pairs of responses with different true ratings drawn per item (default 3; fewer when an item has fewer). */
  pairsPerItem?: number;
  /** One simulated annotator per value: the probability of choosing the truly better response, else the other one. */
  annotatorAccuracy: readonly number[];
  strategy: LabellingStrategy;
  /** Fixed: annotators per pair (default 3). */
  overlap?: number;
  /** Adaptive: the project setting (default min 2, max 5, DEFAULT_OVERLAP_CONFIDENCE). */
  adaptive?: AdaptiveOverlap;
  seed: number;
}

export interface LabellingSimulationResult {
  strategy: LabellingStrategy;
  /** Labels spent. */
  labels: number;
  pairs: number;
  /** Share of pairs whose aggregated outcome prefers the truly better response (majority for fixed, Dawid–Skene for adaptive). */
  accuracy: number;
}

/** A pairwise task: responses `a` and `b` of one item, and which has the higher true rating. */
export interface SimulatedPair {
  id: string;
  item: string;
  a: string;
  b: string;
  better: 'a' | 'b';
}

type Choice = 'a' | 'b';

/** The fit the API makes of a pairwise criterion: outcomes in the item's response order, symmetric under the swap. */
const DAWID_SKENE_OPTIONS = { classes: PAIRWISE_CHOICES, swap: PAIRWISE_SWAP };

/**
 * Replays rated items as pairwise tasks labelled by simulated annotators. Fixed overlap gives each pair `overlap`
 * annotators and takes the majority; adaptive overlap gives each pair `min`, then, round by round, refits the
 * Dawid–Skene model and asks decideOverlap (the rule the task queue uses) whether the pair needs another annotator.
 * Each pair's annotator order and each annotator's answer are drawn up front from the seed, so both strategies see
 * the same answers from the same annotators.
 */
export function simulateLabelling(
  items: readonly RatedItem[],
  options: LabellingSimulationOptions,
): LabellingSimulationResult {
  const settings = readOptions(options);
  const rng = createRng(settings.seed);
  const pairs = drawPairs(items, settings.pairsPerItem, rng);
  if (pairs.length === 0)
    badInput('input', 'has no two responses with different ratings in any item, so there is no pair to label');
  const annotators = settings.annotatorAccuracy.map((_, k) => `sim-${k + 1}`);
  const plans = pairs.map((pair) => planAnswers(pair, settings.annotatorAccuracy, annotators, rng));
  const outcome =
    settings.strategy === 'fixed' ? runFixed(plans, settings.overlap) : runAdaptive(plans, settings.adaptive);
  const correct = pairs.filter((pair, p) => outcome.chosen[p] === pair.better).length;
  return { strategy: settings.strategy, labels: outcome.labels, pairs: pairs.length, accuracy: correct / pairs.length };
}

/** Up to `perItem` pairs per item, drawn without replacement among the pairs with different ratings, in random order of sides. */
export function drawPairs(items: readonly RatedItem[], perItem: number, rng: () => number): SimulatedPair[] {
  const pairs: SimulatedPair[] = [];
  for (const item of items) {
    const candidates: Array<[RatedItem['responses'][number], RatedItem['responses'][number]]> = [];
    for (let i = 0; i < item.responses.length; i++) {
      for (let j = i + 1; j < item.responses.length; j++)
        if (item.responses[i].rating !== item.responses[j].rating)
          candidates.push([item.responses[i], item.responses[j]]);
    }
    shuffle(candidates, rng);
    for (const [x, y] of candidates.slice(0, perItem)) {
      const [a, b] = rng() < 0.5 ? [x, y] : [y, x];
      pairs.push({
        id: `pair-${String(pairs.length).padStart(7, '0')}`,
        item: item.id,
        a: a.id,
        b: b.id,
        better: a.rating > b.rating ? 'a' : 'b',
      });
    }
  }
  return pairs;
}

interface AnswerPlan {
  pair: SimulatedPair;
  /** The order in which annotators reach this pair, and what each would answer. */
  answers: Array<{ annotator: string; choice: Choice }>;
}

function planAnswers(
  pair: SimulatedPair,
  accuracy: readonly number[],
  annotators: readonly string[],
  rng: () => number,
): AnswerPlan {
  const order = annotators.map((_, k) => k);
  shuffle(order, rng);
  const other: Choice = pair.better === 'a' ? 'b' : 'a';
  return {
    pair,
    answers: order.map((k) => ({ annotator: annotators[k], choice: rng() < accuracy[k] ? pair.better : other })),
  };
}

function runFixed(plans: readonly AnswerPlan[], overlap: number): { labels: number; chosen: Array<Choice | null> } {
  const chosen = plans.map((plan) => {
    let forA = 0;
    for (const answer of plan.answers.slice(0, overlap)) if (answer.choice === 'a') forA++;
    const forB = overlap - forA;
    return forA > forB ? 'a' : forB > forA ? 'b' : null;
  });
  return { labels: plans.length * overlap, chosen };
}

function runAdaptive(
  plans: readonly AnswerPlan[],
  overlap: AdaptiveOverlap,
): { labels: number; chosen: Array<Choice | null> } {
  const given = plans.map(() => overlap.min);
  let open = plans.map((_, p) => p);
  let fit = fitDawidSkene(labelsSoFar(plans, given), DAWID_SKENE_OPTIONS);
  while (open.length > 0) {
    const models = new Map<string, DawidSkeneModel>([[OVERALL_CRITERION, fit]]);
    const stillOpen: number[] = [];
    for (const p of open) {
      const labels = plans[p].answers
        .slice(0, given[p])
        .map(({ annotator, choice }) => ({ annotator, criterion: OVERALL_CRITERION, value: choice }));
      const decision = decideOverlap({ labels, models, overlap, criteria: [OVERALL_CRITERION] });
      if (decision.status === 'needs-more') {
        given[p] += 1;
        stillOpen.push(p);
      }
    }
    open = stillOpen;
    if (open.length > 0) fit = fitDawidSkene(labelsSoFar(plans, given), DAWID_SKENE_OPTIONS);
  }
  const chosen = plans.map((plan) => {
    const posterior = posteriorOf(fit, plan.pair.id);
    const value = posterior ? posteriorMode(fit.classes, posterior).value : null;
    return value === 'a' || value === 'b' ? value : null;
  });
  return { labels: given.reduce((sum, count) => sum + count, 0), chosen };
}

function labelsSoFar(plans: readonly AnswerPlan[], given: readonly number[]): DsLabel[] {
  return plans.flatMap((plan, p) =>
    plan.answers.slice(0, given[p]).map(({ annotator, choice }) => ({ item: plan.pair.id, annotator, value: choice })),
  );
}

function shuffle<T>(values: T[], rng: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
}

function readOptions(options: LabellingSimulationOptions) {
  const pairsPerItem = options.pairsPerItem ?? 3;
  if (!Number.isInteger(pairsPerItem) || pairsPerItem < 1)
    badInput('pairsPerItem', `must be a whole number ≥ 1, got ${pairsPerItem}`);
  const accuracy = [...(options.annotatorAccuracy ?? [])];
  if (accuracy.length === 0) badInput('annotatorAccuracy', 'needs at least one simulated annotator');
  accuracy.forEach((value, k) => {
    if (!(typeof value === 'number' && value >= 0 && value <= 1))
      badInput(`annotatorAccuracy[${k}]`, `must be a probability from 0 to 1, got ${value}`);
  });
  if (!(LABELLING_STRATEGIES as readonly string[]).includes(options.strategy))
    badInput('strategy', `must be one of ${LABELLING_STRATEGIES.join(', ')}, got "${String(options.strategy)}"`);
  if (!Number.isFinite(options.seed)) badInput('seed', `must be a finite number, got ${options.seed}`);
  const overlap = options.overlap ?? 3;
  const adaptive = validateAdaptiveOverlap(options.adaptive ?? DEFAULT_ADAPTIVE_OVERLAP);
  const needed = options.strategy === 'fixed' ? overlap : adaptive.max;
  if (options.strategy === 'fixed' && (!Number.isInteger(overlap) || overlap < 1))
    badInput('overlap', `must be a whole number ≥ 1, got ${overlap}`);
  if (needed > accuracy.length) {
    const field = options.strategy === 'fixed' ? 'overlap' : 'overlap.max';
    badInput(field, `${needed} needs as many simulated annotators, but --annotator-accuracy gives ${accuracy.length}`);
  }
  return {
    pairsPerItem,
    annotatorAccuracy: accuracy,
    strategy: options.strategy,
    overlap,
    adaptive,
    seed: options.seed,
  };
}
