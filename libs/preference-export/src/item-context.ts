import type { ChatMessage } from '@clinrank/domain';
import type { ExportRequest } from './request.js';
import type { ExportItem, ExportLabel, ExportResponse, PreferencePair } from './types.js';

/** Everything a format writer needs about one item that survived the filters. */
export interface ItemContext {
  item: ExportItem;
  request: ExportRequest;
  turns: ChatMessage[];
  /** Responses that passed the response filters, by id. */
  responses: Map<string, ExportResponse>;
  /** Labels that passed the label filters, sorted by id. */
  labels: ExportLabel[];
  pairs: PreferencePair[];
}

/** A response's text as exported: a validation fix replaces the original. */
export function responseText(context: ItemContext, pair: PreferencePair, responseId: string): string {
  return pair.texts[responseId] ?? (context.responses.get(responseId) as ExportResponse).text;
}

/** Provenance of one response: where it came from. */
export function responseProvenance(context: ItemContext, responseId: string, pair?: PreferencePair) {
  const response = context.responses.get(responseId) as ExportResponse;
  return {
    id: response.id,
    source: response.source,
    model: response.model ?? null,
    generator: response.generator ?? null,
    fixed: pair !== undefined && pair.texts[responseId] !== undefined,
  };
}

/** Provenance of a pair record (keys are sorted when written). */
export function pairMetadata(context: ItemContext, pair: PreferencePair): Record<string, unknown> {
  const { item, request } = context;
  return {
    itemId: item.id,
    language: item.language,
    specialty: item.specialty,
    isGold: item.isGold,
    criterion: request.criterion,
    policy: request.policy,
    chosen: { ...responseProvenance(context, pair.chosen, pair), score: pair.chosenScore },
    rejected: { ...responseProvenance(context, pair.rejected, pair), score: pair.rejectedScore },
    tie: pair.tie,
    bothBad: pair.bothBad,
    votes: pair.votes,
    annotatorCount: pair.annotators.length,
    annotatorId: pair.annotatorId,
    labelId: pair.labelId,
    labelKinds: pair.labelKinds,
    agreement: pair.agreement,
    adjudicated: pair.adjudicated,
  };
}

/** Whether a pair is written by the chosen/rejected formats: never a tie or "both bad" (`ties: keep` is refused for them). */
export function keepsAsPair(pair: PreferencePair): boolean {
  return !pair.tie && !pair.bothBad;
}
