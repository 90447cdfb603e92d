import { describe, expect, it } from '@jest/globals';
import { LIVEQA_DIR, liveQaPresent, readLiveQaJudgments, readLiveQaQuestions, type LiveQaJudgment } from '../../../test-support/liveqa-med.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { request, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const present = liveQaPresent();
if (!present) console.warn(`SKIPPING LiveQA-Med real-data test: ${LIVEQA_DIR} is absent`);

type Judgment = LiveQaJudgment;

/** Graded answers become one external annotator's rating label per question; grades off the 1..4 scale are dropped explicitly. */
function liveQaItems(judgments: Judgment[], questions: Map<number, string>) {
  const byQuestion = new Map<number, Judgment[]>();
  for (const judgment of judgments) byQuestion.set(judgment.qid, [...(byQuestion.get(judgment.qid) ?? []), judgment]);
  const grades = new Map<string, number>();
  let offScale = 0;
  const items: ExportItem[] = [];
  for (const [qid, answers] of [...byQuestion.entries()].sort(([a], [b]) => a - b)) {
    const id = `liveqa-${String(qid).padStart(3, '0')}`;
    const onScale = answers.map((answer, index) => ({ ...answer, responseId: `${id}-a${index}` })).filter((answer) => {
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
          content: { kind: 'rating', scores: { overall: Object.fromEntries(onScale.map((answer) => [answer.responseId, answer.grade])) } },
        },
      ],
    });
  }
  return { items, grades, offScale };
}

(present ? describe : describe.skip)('LiveQA-Med 2017 graded answers (real data)', () => {
  it('per-annotator TRL export gives one pair per two differently graded answers, the better graded chosen', async () => {
    const judgments = readLiveQaJudgments();
    const questions = new Map(readLiveQaQuestions().map((q) => [q.qid, q.message]));
    const { items, grades, offScale } = liveQaItems(judgments, questions);
    expect(offScale).toBe(18);

    // Independent count: pairs of answers to the same question with different grades, neither graded −2.
    let expected = 0;
    for (const item of items) {
      const scores = item.responses.map((r) => grades.get(r.id) as number);
      for (let i = 0; i < scores.length; i++) for (let j = i + 1; j < scores.length; j++) if (scores[i] !== scores[j]) expected++;
    }
    expect(expected).toBe(737);

    const sink = memorySink();
    const stats = await exportSnapshot(streamOf(items), request({ policy: 'per-annotator', format: 'trl', scale: '1-4' }), sink);
    const records = ['train', 'validation', 'test'].flatMap((split) => sink.text(`${split}.jsonl`).split('\n').filter(Boolean).map((line) => JSON.parse(line)));
    expect(records).toHaveLength(737);
    expect(stats.splits.train.records + stats.splits.validation.records + stats.splits.test.records).toBe(737);
    for (const record of records) {
      const chosen = grades.get(record.metadata.chosen.id) as number;
      const rejected = grades.get(record.metadata.rejected.id) as number;
      expect(chosen).toBeGreaterThan(rejected);
      expect(record.margin).toBe(chosen - rejected);
      expect(record.metadata.chosen.score).toBe(chosen);
    }
    const keys = new Set(records.map((record) => `${record.metadata.chosen.id}|${record.metadata.rejected.id}`));
    expect(keys.size).toBe(737);
  });
});
