import {
  OVERALL_CRITERION,
  type PairwiseContent,
  type RankingContent,
  type RatingContent,
  type ValidationContent,
} from '@clinrank/domain';
import { sortKeysDeep } from './canonical-json.js';
import type { ItemContext } from './item-context.js';
import type { ExportLabel, ExportRecord } from './types.js';
import { adjudicationLabel, compareIds } from './votes.js';

/** What differs between raw records of different label kinds; every raw record carries all of these keys (null when not applicable). */
interface Judgement {
  criterion: string;
  choice: string | null;
  strength: string | null;
  responseA: string | null;
  responseB: string | null;
  chosen: string | null;
  /** Ratings: the score; rankings: the 1-based rank of the response's group. */
  scores: { responseId: string; value: number }[] | null;
  verdict: string | null;
  responseId: string | null;
  fixedText: string | null;
  reasons: string[] | null;
}

const EMPTY: Omit<Judgement, 'criterion'> = {
  choice: null,
  strength: null,
  responseA: null,
  responseB: null,
  chosen: null,
  scores: null,
  verdict: null,
  responseId: null,
  fixedText: null,
  reasons: null,
};

/**
 * Raw: one record per label and criterion, with the pseudonymous annotator and everything recorded about the label;
 * a lead's ruling follows the clinicians' labels with `adjudication: true`.
 */
export function rawRecords(context: ItemContext): ExportRecord[] {
  const { item, request } = context;
  const ruling =
    item.adjudication && !request.ignoreAdjudications ? [{ label: adjudicationLabel(item), adjudication: true }] : [];
  return [...context.labels.map((label) => ({ label, adjudication: false })), ...ruling].flatMap(
    ({ label, adjudication }) =>
      judgementsOf(label, context).map((judgement) => {
        const record: ExportRecord = {
          itemId: context.item.id,
          labelId: label.id,
          annotatorId: label.annotatorId,
          annotatorKind: label.annotatorKind,
          labelKind: label.content.kind,
          ...judgement,
          displayOrder: label.displayOrder,
          timeSpentMs: label.timeSpentMs,
          guidelineVersion: label.guidelineVersion,
          flags: [...label.flags].sort(),
          createdAt: label.createdAt,
          rationale: label.rationale ?? null,
          adjudication,
        };
        if (context.request.metadata) record.metadata = sortKeysDeep(itemMetadata(context));
        return record;
      }),
  );
}

function judgementsOf(label: ExportLabel, context: ItemContext): Judgement[] {
  const allowed = (id: string) => context.responses.has(id);
  const content = label.content;
  switch (content.kind) {
    case 'pairwise':
      return allowed(content.a) && allowed(content.b) ? pairwiseJudgements(content) : [];
    case 'ranking':
      return [
        {
          ...EMPTY,
          criterion: OVERALL_CRITERION,
          scores: rankScores(content).filter((score) => allowed(score.responseId)),
        },
      ];
    case 'rating':
      return ratingJudgements(content, allowed);
    case 'validation':
      return allowed(content.response) ? [validationJudgement(content)] : [];
  }
}

function pairwiseJudgements(content: PairwiseContent): Judgement[] {
  return Object.keys(content.judgements)
    .sort(compareIds)
    .map((criterion) => {
      const { choice, strength } = content.judgements[criterion];
      const chosen = choice === 'a' ? content.a : choice === 'b' ? content.b : null;
      return {
        ...EMPTY,
        criterion,
        choice,
        strength: strength ?? null,
        responseA: content.a,
        responseB: content.b,
        chosen,
      };
    });
}

function rankScores(content: RankingContent): { responseId: string; value: number }[] {
  return content.ranking
    .flatMap((group, rank) => group.map((responseId) => ({ responseId, value: rank + 1 })))
    .sort((x, y) => compareIds(x.responseId, y.responseId));
}

function ratingJudgements(content: RatingContent, allowed: (id: string) => boolean): Judgement[] {
  return Object.keys(content.scores)
    .sort(compareIds)
    .map((criterion) => {
      const scores = Object.entries(content.scores[criterion])
        .filter(([id]) => allowed(id))
        .sort(([x], [y]) => compareIds(x, y))
        .map(([responseId, value]) => ({ responseId, value }));
      return { ...EMPTY, criterion, scores };
    });
}

function validationJudgement(content: ValidationContent): Judgement {
  return {
    ...EMPTY,
    criterion: OVERALL_CRITERION,
    verdict: content.verdict,
    responseId: content.response,
    fixedText: content.fixedText ?? null,
    reasons: content.reasons ?? null,
  };
}

/** SFT: each clinician rewrite becomes `{messages: [...prompt turns, {role: "assistant", content: rewrite}]}`. */
export function sftRecords(context: ItemContext): ExportRecord[] {
  return context.labels
    .filter((label) => typeof label.rewrite === 'string' && label.rewrite.trim() !== '')
    .map((label) => {
      const record: ExportRecord = {
        messages: [...context.turns, { role: 'assistant', content: label.rewrite as string }],
      };
      if (context.request.metadata) {
        record.metadata = sortKeysDeep({
          ...itemMetadata(context),
          labelId: label.id,
          annotatorId: label.annotatorId,
          guidelineVersion: label.guidelineVersion,
        });
      }
      return record;
    });
}

function itemMetadata(context: ItemContext): Record<string, unknown> {
  const { item } = context;
  return { itemId: item.id, language: item.language, specialty: item.specialty, isGold: item.isGold };
}
