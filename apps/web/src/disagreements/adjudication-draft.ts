import { emptyDraft, type Draft } from '../workspace/drafts.js';
import type { Task, TaskProject } from '../workspace/task-api.js';

export interface ReviewResponse {
  id: string;
  externalId: string;
  text: string;
}

export interface ReviewItem {
  itemId: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: { role: string; content: string }[] | null;
  responses: ReviewResponse[];
}

type StoredContent = Record<string, unknown>;

/**
 * The two responses a pairwise adjudication compares: those of the given content, else the first two of the item. Always
 * in the item's order, so A and B are the letters the review table and the disagreements list (by item order) use,
 * whichever way round the starting label showed them; draftFromContent flips that label's choices to match.
 */
export function adjudicationPair(item: ReviewItem, content: StoredContent | null): [string, string] {
  const ids = item.responses.map((response) => response.id);
  const a = typeof content?.a === 'string' && ids.includes(content.a) ? content.a : ids[0];
  const b =
    typeof content?.b === 'string' && ids.includes(content.b) && content.b !== a
      ? content.b
      : ids.find((id) => id !== a)!;
  return inItemOrder(ids, [a, b]);
}

/** A chosen pair in the item's order. */
export function inItemOrder(ids: string[], [a, b]: [string, string]): [string, string] {
  return ids.indexOf(a) <= ids.indexOf(b) ? [a, b] : [b, a];
}

/**
 * The item as a task for the workspace forms, so a lead adjudicates with the same controls the clinicians used. The lead
 * sees response ids (they are not blind): pairwise shows the chosen pair as A and B, validation the candidate.
 */
export function adjudicationTask(item: ReviewItem, project: TaskProject, pair: [string, string]): Task {
  const byId = new Map(item.responses.map((response) => [response.id, response]));
  const shown =
    project.kind === 'pairwise'
      ? pair.map((id) => byId.get(id)!)
      : project.kind === 'validation'
        ? item.responses.slice(0, 1)
        : item.responses;
  return {
    taskId: `adjudication-${item.itemId}`,
    project,
    language: item.language,
    specialty: item.specialty,
    prompt: item.prompt,
    messages: item.messages,
    responses: shown.map((response, index) => ({
      id: response.id,
      label: project.kind === 'pairwise' ? String.fromCharCode(65 + index) : response.externalId,
      text: response.text,
    })),
    expiresAt: '',
  };
}

/** A draft holding a stored label's (or adjudication's) answers, to start the adjudication from. */
export function draftFromContent(task: Task, content: StoredContent | null): Draft {
  const draft = emptyDraft(
    task.taskId,
    task.responses.map((response) => response.id),
  );
  if (!content) return draft;
  switch (task.project.kind) {
    case 'pairwise': {
      const judgements = (content.judgements ?? {}) as Draft['pairwise'];
      // Judgements are relative to the content's own a/b: keep them only when it compares the same pair the same way round.
      const samePair = content.a === task.responses[0].id && content.b === task.responses[1].id;
      const swapped = content.a === task.responses[1].id && content.b === task.responses[0].id;
      if (!samePair && !swapped) return draft;
      const flip = (choice: string | undefined) =>
        swapped && choice === 'a' ? 'b' : swapped && choice === 'b' ? 'a' : choice;
      const pairwise = Object.fromEntries(
        Object.entries(judgements).map(([criterion, judgement]) => [
          criterion,
          { choice: flip(judgement?.choice) as 'a', strength: judgement?.strength ?? undefined },
        ]),
      );
      return { ...draft, pairwise };
    }
    case 'ranking': {
      const ranking = Array.isArray(content.ranking)
        ? (content.ranking as (string | string[])[]).map((group) => (Array.isArray(group) ? group : [group]))
        : null;
      const complete =
        ranking &&
        ranking.flat().length === task.responses.length &&
        task.responses.every((response) => ranking.flat().includes(response.id));
      return complete ? { ...draft, ranking } : draft;
    }
    case 'rating':
      return { ...draft, scores: (content.scores ?? {}) as Draft['scores'] };
    case 'validation': {
      const verdict = content.verdict as Draft['validation']['verdict'];
      const fixedText = typeof content.fixedText === 'string' ? content.fixedText : undefined;
      const reasons = Array.isArray(content.reasons) ? (content.reasons as string[]) : [];
      return { ...draft, validation: { verdict, fixedText, reasons } };
    }
  }
}
