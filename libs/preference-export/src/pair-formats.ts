import { sortKeysDeep } from './canonical-json.js';
import { keepsAsPair, pairMetadata, responseProvenance, responseText, type ItemContext } from './item-context.js';
import { pairMargin } from './margins.js';
import { renderPrompt } from './prompt.js';
import type { ExportRecord, PreferencePair } from './types.js';
import { compareIds } from './votes.js';

/** Adds margin and metadata in the fixed order prompt…, margin, metadata. */
function finish(
  context: ItemContext,
  record: ExportRecord,
  pair: PreferencePair,
  extra: Record<string, unknown> = {},
): ExportRecord {
  const margin = pairMargin(pair, context.request.margin);
  if (margin !== null) record.margin = margin;
  if (context.request.metadata) record.metadata = sortKeysDeep({ ...pairMetadata(context, pair), ...extra });
  return record;
}

/** TRL standard preference: `{prompt, chosen, rejected}` strings; a dialogue prompt uses the template of renderPrompt. */
export function trlRecords(context: ItemContext): ExportRecord[] {
  const prompt = renderPrompt(context.turns);
  return context.pairs.filter(keepsAsPair).map((pair) =>
    finish(
      context,
      {
        prompt,
        chosen: responseText(context, pair, pair.chosen),
        rejected: responseText(context, pair, pair.rejected),
      },
      pair,
    ),
  );
}

/** TRL conversational preference: prompt as messages, chosen/rejected as one assistant message each. */
export function trlConversationalRecords(context: ItemContext): ExportRecord[] {
  const assistant = (content: string) => [{ role: 'assistant', content }];
  return context.pairs.filter(keepsAsPair).map((pair) =>
    finish(
      context,
      {
        prompt: context.turns,
        chosen: assistant(responseText(context, pair, pair.chosen)),
        rejected: assistant(responseText(context, pair, pair.rejected)),
      },
      pair,
    ),
  );
}

/**
 * OpenRLHF reward-model pairs under configurable keys: the prompt string (always written, read with `--prompt_key`) and
 * the two answers; with `chat`, no prompt key and each side a message list (the turns, then the answer), as
 * `--apply_chat_template` without `--prompt_key` reads it.
 */
export function openRlhfRecords(context: ItemContext): ExportRecord[] {
  const { promptKey, chosenKey, rejectedKey, chat } = context.request;
  const prompt = renderPrompt(context.turns);
  const side = (pair: PreferencePair, id: string) => {
    const text = responseText(context, pair, id);
    return chat ? [...context.turns, { role: 'assistant', content: text }] : text;
  };
  return context.pairs.filter(keepsAsPair).map((pair) =>
    finish(
      context,
      {
        ...(chat ? {} : { [promptKey]: prompt }),
        [chosenKey]: side(pair, pair.chosen),
        [rejectedKey]: side(pair, pair.rejected),
      },
      pair,
    ),
  );
}

/**
 * Ranking: one record per group (a label under per-annotator, else the item). Completions are in response-id order;
 * `ranking` lists their indices best first by Copeland score (pairs won − pairs lost; ties and "both bad" count 0).
 * Equal scores are one tie group, written as a nested list: `[[0, 2], 1]`. Under bradley-terry the pairs follow the
 * fitted strengths, so this is the strength order.
 */
export function rankingRecords(context: ItemContext): ExportRecord[] {
  const groups = new Map<string, PreferencePair[]>();
  for (const pair of context.pairs) groups.set(pair.group, [...(groups.get(pair.group) ?? []), pair]);
  const prompt = renderPrompt(context.turns);
  return [...groups.values()].map((pairs) => rankingRecord(context, prompt, pairs));
}

/** Indices grouped by equal score, best first; a group of one is the bare index. */
export function tieGroups(scores: number[]): (number | number[])[] {
  const byScore = new Map<number, number[]>();
  scores.forEach((score, index) => byScore.set(score, [...(byScore.get(score) ?? []), index]));
  return [...byScore.entries()]
    .sort(([x], [y]) => y - x)
    .map(([, indices]) => (indices.length === 1 ? indices[0] : indices));
}

function rankingRecord(context: ItemContext, prompt: string, pairs: PreferencePair[]): ExportRecord {
  const scores = new Map<string, number>();
  for (const pair of pairs) {
    const decisive = !pair.tie && !pair.bothBad;
    scores.set(pair.chosen, (scores.get(pair.chosen) ?? 0) + (decisive ? 1 : 0));
    scores.set(pair.rejected, (scores.get(pair.rejected) ?? 0) - (decisive ? 1 : 0));
  }
  const ids = [...scores.keys()].sort(compareIds);
  const texts = new Map(
    pairs.flatMap((pair) => [pair.chosen, pair.rejected].map((id) => [id, responseText(context, pair, id)] as const)),
  );
  const record: ExportRecord = {
    prompt,
    completions: ids.map((id) => texts.get(id) as string),
    ranking: tieGroups(ids.map((id) => scores.get(id) as number)),
  };
  if (context.request.metadata) {
    const first = pairs[0];
    record.metadata = sortKeysDeep({
      itemId: context.item.id,
      language: context.item.language,
      specialty: context.item.specialty,
      isGold: context.item.isGold,
      criterion: context.request.criterion,
      policy: context.request.policy,
      responses: ids.map((id) => ({
        ...responseProvenance(context, id),
        fixed: pairs.some((pair) => pair.texts[id] !== undefined),
        copeland: scores.get(id),
      })),
      annotatorCount: new Set(pairs.flatMap((pair) => pair.annotators)).size,
      annotatorId: first.annotatorId,
      labelId: first.labelId,
      pairs: pairs.length,
    });
  }
  return record;
}
