import {
  OVERALL_CRITERION,
  signedStrength,
  type PairwiseContent,
  type RankingContent,
  type RatingContent,
} from '@clinrank/domain';
import type { ExportRequest } from './request.js';
import type { ExportItem, ExportLabel, ExportResponse, Outcome, Vote } from './types.js';

type Allowed = Map<string, ExportResponse>;

/**
 * Turns the selected labels of an item into votes on response pairs under the request's criterion. A lead's ruling
 * replaces every clinician vote on the pairs it rules on (unless `ignoreAdjudications`).
 */
export function collectVotes(
  item: ExportItem,
  labels: ExportLabel[],
  allowed: Allowed,
  request: ExportRequest,
): Vote[] {
  if (item.proposedPair && !request.acceptedOnly) return proposalVotes(item, allowed);
  const votes: Vote[] = [];
  for (const label of labels) votes.push(...labelVotes(item, label, allowed, request.criterion));
  const ruling = rulingVotes(item, allowed, request);
  if (ruling.length === 0) return votes;
  const ruled = new Set(ruling.map((vote) => pairKey(vote.winner, vote.loser)));
  return [...votes.filter((vote) => !ruled.has(pairKey(vote.winner, vote.loser))), ...ruling];
}

/** The votes of the item's adjudication under the request's criterion (none when ignored or absent). */
export function rulingVotes(item: ExportItem, allowed: Allowed, request: ExportRequest): Vote[] {
  if (!item.adjudication || request.ignoreAdjudications) return [];
  return labelVotes(item, adjudicationLabel(item), allowed, request.criterion).map((vote) => ({
    ...vote,
    adjudicated: true,
  }));
}

/** The item's ruling seen as a label by its lead (for votes and raw records). */
export function adjudicationLabel(item: ExportItem): ExportLabel {
  const ruling = item.adjudication as NonNullable<ExportItem['adjudication']>;
  return {
    id: ruling.id,
    annotatorId: ruling.leadId,
    annotatorKind: 'human',
    createdAt: ruling.createdAt,
    guidelineVersion: ruling.guidelineVersion,
    timeSpentMs: null,
    displayOrder: [],
    flags: [],
    rationale: ruling.rationale ?? null,
    content: ruling.content,
  };
}

/** Votes one label casts; ranking and validation labels count under the `overall` criterion only. */
export function labelVotes(item: ExportItem, label: ExportLabel, allowed: Allowed, criterion: string): Vote[] {
  const content = label.content;
  switch (content.kind) {
    case 'pairwise':
      return pairwiseVotes(label, content, allowed, criterion);
    case 'ranking':
      return criterion === OVERALL_CRITERION ? rankingVotes(label, content, allowed) : [];
    case 'rating':
      return ratingVotes(label, content, allowed, criterion);
    case 'validation':
      return criterion === OVERALL_CRITERION ? validationVotes(item, label, allowed) : [];
  }
}

function pairwiseVotes(label: ExportLabel, content: PairwiseContent, allowed: Allowed, criterion: string): Vote[] {
  const judgement = content.judgements[criterion];
  if (!judgement || !allowed.has(content.a) || !allowed.has(content.b) || content.a === content.b) return [];
  const signed = signedStrength(judgement);
  if (signed === null) return [makeVote(label, content.a, content.b, 'both_bad', 0)];
  if (signed === 0) return [makeVote(label, content.a, content.b, 'tie', 0)];
  // slightly → margin 1, much → margin 2 (a missing strength counts as slightly, as in signedStrength).
  const [winner, loser] = signed > 0 ? [content.b, content.a] : [content.a, content.b];
  return [makeVote(label, winner, loser, 'win', Math.abs(signed))];
}

function rankingVotes(label: ExportLabel, content: RankingContent, allowed: Allowed): Vote[] {
  const ranked = content.ranking.flatMap((group, rank) =>
    group.filter((id) => allowed.has(id)).map((id) => ({ id, rank })),
  );
  const votes: Vote[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const [better, worse] = [ranked[i], ranked[j]];
      const gap = worse.rank - better.rank;
      votes.push(makeVote(label, better.id, worse.id, gap === 0 ? 'tie' : 'win', gap));
    }
  }
  return votes;
}

function ratingVotes(label: ExportLabel, content: RatingContent, allowed: Allowed, criterion: string): Vote[] {
  const scores = Object.entries(content.scores[criterion] ?? {})
    .filter(([id, score]) => allowed.has(id) && Number.isFinite(score))
    .sort(([a], [b]) => compareIds(a, b));
  const votes: Vote[] = [];
  for (let i = 0; i < scores.length; i++) {
    for (let j = i + 1; j < scores.length; j++) {
      const [[first, firstScore], [second, secondScore]] = [scores[i], scores[j]];
      const [winner, loser] = firstScore >= secondScore ? [scores[i], scores[j]] : [scores[j], scores[i]];
      const vote = makeVote(
        label,
        winner[0],
        loser[0],
        firstScore === secondScore ? 'tie' : 'win',
        Math.abs(firstScore - secondScore),
      );
      const byId: Record<string, number> = { [first]: firstScore, [second]: secondScore };
      votes.push({ ...vote, winnerScore: byId[vote.winner], loserScore: byId[vote.loser] });
    }
  }
  return votes;
}

// accept/fix vote for the proposal (margin 1, like "slightly"); reject counts against it without favouring either side.
function validationVotes(item: ExportItem, label: ExportLabel, allowed: Allowed): Vote[] {
  const proposal = item.proposedPair;
  if (
    label.content.kind !== 'validation' ||
    !proposal ||
    !allowed.has(proposal.chosen) ||
    !allowed.has(proposal.rejected)
  )
    return [];
  const { verdict, response, fixedText } = label.content;
  if (verdict === 'reject') return [makeVote(label, proposal.chosen, proposal.rejected, 'invalid', 0)];
  const vote = makeVote(label, proposal.chosen, proposal.rejected, 'win', 1);
  const fixes =
    verdict === 'fix' && typeof fixedText === 'string' && fixedText.trim() !== '' ? { [response]: fixedText } : {};
  return [{ ...vote, fixes }];
}

function proposalVotes(item: ExportItem, allowed: Allowed): Vote[] {
  const proposal = item.proposedPair as NonNullable<ExportItem['proposedPair']>;
  if (!allowed.has(proposal.chosen) || !allowed.has(proposal.rejected)) return [];
  const generator = item.responses.find((response) => response.id === proposal.rejected)?.generator ?? 'unknown';
  const pseudoLabel = {
    id: `proposal:${item.id}`,
    annotatorId: `generator:${generator}`,
    createdAt: '',
    content: { kind: 'validation' },
  };
  return [makeVote(pseudoLabel as ExportLabel, proposal.chosen, proposal.rejected, 'win', 1)];
}

function makeVote(label: ExportLabel, first: string, second: string, outcome: Outcome, margin: number): Vote {
  // Non-wins are stored in canonical (ascending id) order so that equal outcomes compare equal.
  const [winner, loser] = outcome === 'win' || compareIds(first, second) <= 0 ? [first, second] : [second, first];
  return {
    labelId: label.id,
    annotatorId: label.annotatorId,
    labelKind: label.content.kind,
    createdAt: label.createdAt,
    winner,
    loser,
    outcome,
    margin: outcome === 'win' ? margin : 0,
    winnerScore: null,
    loserScore: null,
    fixes: {},
    adjudicated: false,
  };
}

/** Code-unit order, independent of locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Key of an unordered response pair. */
export function pairKey(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
