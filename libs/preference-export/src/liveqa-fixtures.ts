import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaJudgments,
  readLiveQaQuestions,
  type LiveQaJudgment,
} from '../../../test-support/liveqa-med.js';
import type { ExportItem } from './types.js';

export { LIVEQA_DIR, liveQaPresent };

type Judgment = LiveQaJudgment;

/** Graded answers become one external annotator's rating label per question; grades off the 1..4 scale are dropped explicitly. */
export function liveQaItems(
  judgments: Judgment[] = readLiveQaJudgments(),
  questions: Map<number, string> = new Map(readLiveQaQuestions().map((q) => [q.qid, q.message])),
) {
  const byQuestion = new Map<number, Judgment[]>();
  for (const judgment of judgments) byQuestion.set(judgment.qid, [...(byQuestion.get(judgment.qid) ?? []), judgment]);
  const grades = new Map<string, number>();
  let offScale = 0;
  const items: ExportItem[] = [];
  for (const [qid, answers] of [...byQuestion.entries()].sort(([a], [b]) => a - b)) {
    const id = `liveqa-${String(qid).padStart(3, '0')}`;
    const onScale = answers
      .map((answer, index) => ({ ...answer, responseId: `${id}-a${index}` }))
      .filter((answer) => {
        const valid = Number.isInteger(answer.grade) && answer.grade >= 1 && answer.grade <= 4;
        if (!valid) offScale++;
        return valid;
      });
    onScale.forEach((answer) => grades.set(answer.responseId, answer.grade));
    items.push({
      id,
      language: 'en',
      specialty: null,
      prompt: questions.get(qid) ?? '',
      isGold: false,
      metadata: {},
      responses: onScale.map((answer) => ({ id: answer.responseId, text: answer.answer, source: 'model' })),
      labels: [
        {
          id: `${id}-nist`,
          annotatorId: `nist-${qid}`,
          annotatorKind: 'external',
          createdAt: '2017-08-01T00:00:00Z',
          guidelineVersion: 1,
          timeSpentMs: null,
          displayOrder: onScale.map((answer) => answer.responseId),
          flags: [],
          content: {
            kind: 'rating',
            scores: { overall: Object.fromEntries(onScale.map((answer) => [answer.responseId, answer.grade])) },
          },
        },
      ],
    });
  }
  return { items, grades, offScale };
}
