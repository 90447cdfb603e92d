import { sortKeysDeep } from './canonical-json.js';
import { pairMetadata, responseProvenance, responseText, type ItemContext } from './item-context.js';
import { renderPrompt } from './prompt.js';
import type { ExportRequest } from './request.js';
import type { ExportItem, ExportLabel, ExportRecord } from './types.js';
import { compareIds } from './votes.js';

/**
 * KTO. An item rated by clinicians gives one row per distinct answer text, labelled from the answer's mean rating
 * (the lead's rating where the item was adjudicated): desirable above the middle of the scale, or at least
 * `desirableMin`. Answers whose trimmed texts are equal share one row and one mean, so no completion is repeated or
 * labelled both ways. Pairwise and ranking items are unpaired: the chosen answer is desirable unless the pair is
 * "both bad", the rejected one is not.
 */
export function ktoRecords(context: ItemContext): ExportRecord[] {
  const ratings = responseRatings(context);
  return ratings.size > 0 ? ratingRows(context, ratings) : pairRows(context);
}

/** Whether a mean rating is desirable: ≥ desirableMin when set, else strictly above the middle of the scale. */
export function isDesirableRating(mean: number, request: Pick<ExportRequest, 'desirableMin' | 'scale'>): boolean {
  return request.desirableMin !== null
    ? mean >= request.desirableMin
    : mean > (request.scale.min + request.scale.max) / 2;
}

/** responseId → every score it got on the criterion (the ruling's scores replace the clinicians' where it rates). */
function responseRatings(context: ItemContext): Map<string, number[]> {
  const { item, request } = context;
  const scores = new Map<string, number[]>();
  const add = (label: ExportLabel | NonNullable<ExportItem['adjudication']>, into: Map<string, number[]>) => {
    if (label.content.kind !== 'rating') return;
    for (const [id, score] of Object.entries(label.content.scores[request.criterion] ?? {})) {
      if (context.responses.has(id) && Number.isFinite(score)) into.set(id, [...(into.get(id) ?? []), score]);
    }
  };
  for (const label of context.labels) add(label, scores);
  if (item.adjudication && !request.ignoreAdjudications) {
    const ruled = new Map<string, number[]>();
    add(item.adjudication, ruled);
    for (const [id, values] of ruled) scores.set(id, values);
  }
  return scores;
}

function ratingRows(context: ItemContext, ratings: Map<string, number[]>): ExportRecord[] {
  const { item, request } = context;
  const prompt = renderPrompt(context.turns);
  const byText = new Map<string, string[]>();
  for (const id of [...ratings.keys()].sort(compareIds)) {
    const key = (context.responses.get(id)?.text ?? '').trim();
    byText.set(key, [...(byText.get(key) ?? []), id]);
  }
  const ruled = new Set(
    item.adjudication && !request.ignoreAdjudications && item.adjudication.content.kind === 'rating'
      ? Object.keys(item.adjudication.content.scores[request.criterion] ?? {})
      : [],
  );
  return [...byText.values()].map((ids) => {
    const values = ids.flatMap((id) => ratings.get(id) as number[]);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const record: ExportRecord = {
      prompt,
      completion: context.responses.get(ids[0])?.text as string,
      label: isDesirableRating(mean, request),
    };
    if (request.metadata) {
      record.metadata = sortKeysDeep({
        itemId: item.id,
        language: item.language,
        specialty: item.specialty,
        isGold: item.isGold,
        criterion: request.criterion,
        completion: responseProvenance(context, ids[0]),
        sameTextAs: ids.slice(1),
        rating: Math.round(mean * 1e6) / 1e6,
        ratings: values.length,
        adjudicated: ids.some((id) => ruled.has(id)),
      });
    }
    return record;
  });
}

function pairRows(context: ItemContext): ExportRecord[] {
  const { request } = context;
  const prompt = renderPrompt(context.turns);
  const records: ExportRecord[] = [];
  for (const pair of context.pairs) {
    if (pair.tie && request.ties === 'drop') continue;
    const sides = [
      { id: pair.chosen, role: 'chosen', label: !pair.bothBad },
      { id: pair.rejected, role: 'rejected', label: pair.tie && !pair.bothBad },
    ];
    for (const side of sides) {
      const record: ExportRecord = { prompt, completion: responseText(context, pair, side.id), label: side.label };
      if (request.metadata)
        record.metadata = sortKeysDeep({ ...pairMetadata(context, pair), completionId: side.id, side: side.role });
      records.push(record);
    }
  }
  return records;
}
