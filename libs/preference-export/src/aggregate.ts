import { fitBradleyTerry, type BtComparison } from '@clinrank/statistics';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { pairUnit } from './dawid-skene-policy.js';
import type { ExportRequest } from './request.js';
import type { PreferencePair, Vote, VoteCounts } from './types.js';
import { compareIds, pairKey } from './votes.js';

/** All votes on one unordered response pair (a < b). */
export interface PairTally {
  a: string;
  b: string;
  votes: Vote[];
}

/** Groups votes by unordered response pair, in ascending pair order. */
export function tallyPairs(votes: Vote[]): PairTally[] {
  const tallies = new Map<string, PairTally>();
  for (const vote of votes) {
    const key = pairKey(vote.winner, vote.loser);
    let tally = tallies.get(key);
    if (tally === undefined) {
      const winnerFirst = compareIds(vote.winner, vote.loser) <= 0;
      tally = { a: winnerFirst ? vote.winner : vote.loser, b: winnerFirst ? vote.loser : vote.winner, votes: [] };
      tallies.set(key, tally);
    }
    tally.votes.push(vote);
  }
  if (tallies.size === 1) return [...tallies.values()];
  return [...tallies.entries()].sort(([x], [y]) => compareIds(x, y)).map(([, tally]) => tally);
}

/** Votes on a pair fall in one of these: a win for either side, tie, both bad, invalid (rejected proposal). */
export function voteCategory(vote: Vote): string {
  return vote.outcome === 'win' ? `win:${vote.winner}` : vote.outcome;
}

/** Share of the most common category among the pair's votes, and that category when it is the unique most common. */
export function modalCategory(tally: PairTally): { category: string | null; share: number } {
  // Aggregation, pair building and the agreement summary all ask for it; votes are never added to a tally afterwards.
  let modal = modalCache.get(tally);
  if (modal === undefined || modal.votes !== tally.votes.length) {
    modal = { votes: tally.votes.length, result: computeModalCategory(tally) };
    modalCache.set(tally, modal);
  }
  return modal.result;
}

const modalCache = new WeakMap<PairTally, { votes: number; result: { category: string | null; share: number } }>();

function computeModalCategory(tally: PairTally): { category: string | null; share: number } {
  const counts = new Map<string, number>();
  for (const vote of tally.votes) counts.set(voteCategory(vote), (counts.get(voteCategory(vote)) ?? 0) + 1);
  const sorted = [...counts.entries()].sort(([, x], [, y]) => y - x);
  const share = sorted[0][1] / tally.votes.length;
  const unique = sorted.length === 1 || sorted[0][1] > sorted[1][1];
  return { category: unique ? sorted[0][0] : null, share };
}

/** Applies the request's aggregation policy to one item's votes. */
export function aggregateVotes(itemId: string, votes: Vote[], request: ExportRequest): PreferencePair[] {
  return aggregateTallies(itemId, votes, tallyPairs(votes), request);
}

/** aggregateVotes for votes already grouped by tallyPairs (the export needs the tallies for its statistics too). */
export function aggregateTallies(
  itemId: string,
  votes: Vote[],
  allTallies: PairTally[],
  request: ExportRequest,
): PreferencePair[] {
  const tallies = allTallies.filter((tally) => modalCategory(tally).share >= request.minAgreement);
  switch (request.policy) {
    case 'per-annotator':
      return tallies.flatMap((tally) =>
        tally.votes
          .filter((vote) => vote.outcome !== 'invalid')
          .map((vote) => buildPair(itemId, vote.labelId, [vote], tally, vote)),
      );
    case 'majority':
    case 'unanimous':
      return tallies.flatMap((tally) => consensusPair(itemId, tally, request.policy === 'unanimous'));
    case 'bradley-terry':
      return bradleyTerryPairs(itemId, votes, tallies, request);
    case 'dawid-skene':
      return tallies.flatMap((tally) => dawidSkenePair(itemId, tally, request));
  }
}

/**
 * The pair's Dawid–Skene posterior outcome (annotators weighted by their fitted confusion matrices), with its posterior
 * probability as `probability`. A pair the fit never saw (all its votes invalid) is left out.
 */
function dawidSkenePair(itemId: string, tally: PairTally, request: ExportRequest): PreferencePair[] {
  if (!request.pairPosteriors)
    throw new DomainError(
      ErrorCode.BadUserInput,
      'policy dawid-skene needs the posteriors fitted first (fitPairPosteriors)',
      'policy',
    );
  const posterior = request.pairPosteriors.get(pairUnit(itemId, tally.a, tally.b));
  if (!posterior) return [];
  const [chosen, rejected] = posterior.outcome === 'b' ? [tally.b, tally.a] : [tally.a, tally.b];
  const win = posterior.outcome === 'a' || posterior.outcome === 'b';
  const supporting = tally.votes.filter((vote) =>
    win ? vote.outcome === 'win' && vote.winner === chosen : vote.outcome === posterior.outcome,
  );
  const pair = buildPair(itemId, itemId, supporting, tally, null);
  return [
    {
      ...pair,
      chosen,
      rejected,
      tie: posterior.outcome === 'tie',
      bothBad: posterior.outcome === 'both_bad',
      probability: posterior.probability,
      votes: countVotes(tally.votes, chosen),
    },
  ];
}

function consensusPair(itemId: string, tally: PairTally, unanimous: boolean): PreferencePair[] {
  const { category, share } = modalCategory(tally);
  if (category === null || category === 'invalid' || (unanimous && share < 1)) return [];
  const supporting = tally.votes.filter((vote) => voteCategory(vote) === category);
  return [buildPair(itemId, itemId, supporting, tally, null)];
}

/**
 * Pseudo-wins and pseudo-losses each response has against a virtual average answer: enough to keep one vote from
 * reading as certainty (one win between two answers gives P ≈ 0.74, not 0.99), small against a few agreeing votes.
 */
export const EXPORT_BT_PRIOR = 1;

function bradleyTerryPairs(
  itemId: string,
  votes: Vote[],
  tallies: PairTally[],
  request: ExportRequest,
): PreferencePair[] {
  const counted = votes.filter((vote) => vote.outcome !== 'invalid');
  const comparisons: BtComparison[] = counted.map((vote) => ({
    winner: vote.winner,
    loser: vote.loser,
    tie: vote.outcome !== 'win',
    weight: annotatorWeight(vote.annotatorId, request),
  }));
  if (comparisons.length === 0) return [];
  const { strengths } = fitBradleyTerry(comparisons, { prior: EXPORT_BT_PRIOR });
  const byKey = new Map(tallies.map((tally) => [pairKey(tally.a, tally.b), tally]));
  const compared = new Set(votes.map((vote) => pairKey(vote.winner, vote.loser)));
  const group = comparisonGroups(counted);
  const players = [...strengths.keys()].sort(compareIds);
  const pairs: PreferencePair[] = [];
  for (let i = 0; i < players.length; i++) {
    for (let j = i + 1; j < players.length; j++) {
      // Answers never linked by a chain of comparisons have no common scale: the fit would order them by the prior alone.
      if (group.get(players[i]) !== group.get(players[j])) continue;
      const key = pairKey(players[i], players[j]);
      // A pair compared directly but dropped by minAgreement stays out; pairs never compared are inferred from the fit.
      if (compared.has(key) && !byKey.has(key)) continue;
      pairs.push(strengthPair(itemId, players[i], players[j], strengths, byKey.get(key)));
    }
  }
  return pairs;
}

/** Connected components of the comparison graph: response id → the smallest id of its component. */
export function comparisonGroups(votes: Pick<Vote, 'winner' | 'loser'>[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const { winner, loser } of votes) {
    for (const id of [winner, loser]) if (!parent.has(id)) parent.set(id, id);
    const [x, y] = [find(winner), find(loser)];
    if (x !== y) parent.set(compareIds(x, y) < 0 ? y : x, compareIds(x, y) < 0 ? x : y);
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]));
}

function strengthPair(
  itemId: string,
  a: string,
  b: string,
  strengths: Map<string, number>,
  tally: PairTally | undefined,
): PreferencePair {
  const difference = (strengths.get(a) as number) - (strengths.get(b) as number);
  // Rounded to 1e-6 so that tiny floating-point noise neither flips nor splits ties; a balanced direct vote is a tie.
  const rounded = Math.round(Math.abs(difference) * 1e6) / 1e6;
  const [chosen, rejected] = difference >= 0 ? [a, b] : [b, a];
  const supporting = tally?.votes.filter((vote) => vote.outcome === 'win' && vote.winner === chosen) ?? [];
  const pair = buildPair(itemId, itemId, supporting, tally ?? { a, b, votes: [] }, null);
  const directTie = tally !== undefined && pair.votes.chosen === pair.votes.rejected;
  return {
    ...pair,
    chosen,
    rejected,
    tie: rounded === 0 || directTie,
    bothBad: false,
    probability: 1 / (1 + Math.exp(-rounded)),
  };
}

function annotatorWeight(annotatorId: string, request: ExportRequest): number {
  return request.annotatorWeights?.get(annotatorId) ?? request.defaultAnnotatorWeight;
}

/** Builds a pair from the votes that support it; counts and agreement describe every vote on the pair. */
function buildPair(
  itemId: string,
  group: string,
  supporting: Vote[],
  tally: PairTally,
  single: Vote | null,
): PreferencePair {
  const first = supporting[0];
  const chosen = first?.winner ?? tally.a;
  const rejected = first?.loser ?? tally.b;
  const outcome = first?.outcome ?? 'win';
  const described = single ? [single] : tally.votes;
  return {
    itemId,
    group,
    chosen,
    rejected,
    tie: outcome === 'tie',
    bothBad: outcome === 'both_bad',
    probability: null,
    chosenScore: averageOf(supporting.flatMap((vote) => (vote.winnerScore === null ? [] : [vote.winnerScore]))),
    rejectedScore: averageOf(supporting.flatMap((vote) => (vote.loserScore === null ? [] : [vote.loserScore]))),
    votes: countVotes(described, chosen),
    annotators: [...new Set(described.map((vote) => vote.annotatorId))].sort(compareIds),
    annotatorId: single?.annotatorId ?? null,
    labelId: single?.labelId ?? null,
    labelKinds: [...new Set(supporting.map((vote) => vote.labelKind))].sort(),
    agreement: tally.votes.length > 0 ? modalCategory(tally).share : null,
    texts: latestFixes(supporting),
    adjudicated: described.some((vote) => vote.adjudicated),
  };
}

function countVotes(votes: Vote[], chosen: string): VoteCounts {
  const counts: VoteCounts = { chosen: 0, rejected: 0, tie: 0, bothBad: 0, invalid: 0 };
  for (const vote of votes) {
    if (vote.outcome === 'win') counts[vote.winner === chosen ? 'chosen' : 'rejected']++;
    else if (vote.outcome === 'tie') counts.tie++;
    else if (vote.outcome === 'both_bad') counts.bothBad++;
    else counts.invalid++;
  }
  return counts;
}

// When several clinicians fixed the same response, the most recent fix (then the larger label id) wins.
function latestFixes(votes: Vote[]): Record<string, string> {
  const ordered = [...votes].sort((x, y) => compareIds(x.createdAt, y.createdAt) || compareIds(x.labelId, y.labelId));
  return Object.assign({}, ...ordered.map((vote) => vote.fixes));
}

function averageOf(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
