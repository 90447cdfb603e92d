import { describe, expect, it } from '@jest/globals';
import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaAnswers,
  readLiveQaQuestions,
  type LiveQaAnswer,
} from '../../../test-support/liveqa-med.js';
import type { ModelJudgement } from './judgements.js';
import { leaderboard } from './leaderboard.js';
import { scorePredictions } from './score-predictions.js';
import { winTieLose } from './win-tie-lose.js';
import { winTieLoseMarkdown } from './win-tie-lose-format.js';

// TREC 2017 LiveQA medical task (Ben Abacha et al. 2017): 104 questions, 692 graded answers.
const present = liveQaPresent();
if (!present) console.warn(`SKIPPED liveqa-campaign.spec.ts: LiveQA-Med data not found at ${LIVEQA_DIR}`);
const describeWithData = present ? describe : describe.skip;

type Answer = LiveQaAnswer;

const ON_SCALE = new Set([1, 2, 3, 4]);

/** Answers with their stand-in run; grade −2 (off the task's 1–4 scale) is set aside explicitly, never used. */
function loadAnswers(): { answers: Answer[]; offScale: Answer[] } {
  const all = readLiveQaAnswers();
  return { answers: all.filter((a) => ON_SCALE.has(a.grade)), offScale: all.filter((a) => !ON_SCALE.has(a.grade)) };
}

/** Every two answers to the same question as one judgement: the higher grade wins, equal grades tie. */
function gradedPairs(answers: readonly Answer[]): ModelJudgement[] {
  const judgements: ModelJudgement[] = [];
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      const [a, b] = [answers[i], answers[j]];
      if (a.qid !== b.qid) continue;
      const choice = a.grade > b.grade ? 'a' : a.grade < b.grade ? 'b' : 'tie';
      judgements.push({ item: `q${a.qid}`, modelA: a.run, modelB: b.run, choice, annotator: 'nist' });
    }
  }
  return judgements;
}

describeWithData('LiveQA-Med 2017 as a multi-model campaign', () => {
  const { answers, offScale } = present ? loadAnswers() : { answers: [], offScale: [] };
  const judgements = present ? gradedPairs(answers) : [];

  it('sets aside exactly the 18 off-scale grades and yields the documented 737 decisive pairs', () => {
    expect(offScale.map((a) => a.grade).every((grade) => grade === -2)).toBe(true);
    expect(offScale).toHaveLength(18);
    expect(answers).toHaveLength(674);
    expect(judgements.filter((j) => j.choice !== 'tie')).toHaveLength(737);
  });

  it('ranks every run with item-bootstrap intervals around the estimates', () => {
    const board = leaderboard(judgements, { seed: 2017, resamples: 200, elo: { permutations: 20 } });
    expect(board.rows).toHaveLength(8);
    // Answers cover 102 of the 104 questions; one of them keeps a single on-scale answer, so 101 items hold pairs.
    const answersPerQuestion = new Map<number, number>();
    for (const a of answers) answersPerQuestion.set(a.qid, (answersPerQuestion.get(a.qid) ?? 0) + 1);
    expect(answersPerQuestion.size).toBe(102);
    expect(board.items).toBe([...answersPerQuestion.values()].filter((count) => count >= 2).length);
    expect(board.items).toBe(101);
    expect(board.converged).toBe(true);
    for (const row of board.rows) {
      expect(row.low as number).toBeLessThanOrEqual(row.strength);
      expect(row.high as number).toBeGreaterThanOrEqual(row.strength);
    }
    // Bradley–Terry should order the runs like their within-question results: the top run wins more than it loses.
    const top = board.rows[0];
    const bottom = board.rows[board.rows.length - 1];
    expect(top.wins - top.losses).toBeGreaterThan(bottom.wins - bottom.losses);
  });

  it('produces a win/tie/lose table of each run against run-1', () => {
    const rows = winTieLose(judgements, { baseline: 'run-1' });
    expect(rows).toHaveLength(7);
    const forRun2 = rows.find((row) => row.model === 'run-2');
    const expected = judgements.filter((j) => [j.modelA, j.modelB].sort().join() === 'run-1,run-2');
    expect(forRun2?.n).toBe(expected.length);
    expect(winTieLoseMarkdown(rows).split('\n')[2]).toMatch(/^\| run-2 vs run-1 \| \d+\.\d \| \d+\.\d \| \d+\.\d \|/);
  });

  it('gives better-graded answers higher overlap with the expert reference answers', () => {
    const references = new Map(readLiveQaQuestions().map((q) => [q.qid, q.reference_answers]));
    const meanRouge1ByGrade = [1, 2, 3, 4].map((grade) => {
      const items = answers
        .filter((a) => a.grade === grade)
        .map((a, i) => ({
          id: `${grade}-${i}`,
          language: 'en',
          prediction: a.answer,
          references: references.get(a.qid) as string[],
        }));
      return scorePredictions(items).rouge1;
    });
    // Grades 1 → 4 (incorrect … correct and complete) should overlap more and more with the reference answers.
    for (let g = 1; g < 4; g++) expect(meanRouge1ByGrade[g]).toBeGreaterThan(meanRouge1ByGrade[g - 1]);
  });

  it('win/tie/lose with three clinicians per question resamples questions, not judgements', () => {
    // The same graded pairs judged by three clinicians (identical verdicts): 3× the judgements, no more information.
    const tripled = judgements.flatMap((j) => ['c1', 'c2', 'c3'].map((annotator) => ({ ...j, annotator })));
    const single = winTieLose(judgements, { baseline: 'run-1', model: 'run-2' })[0];
    const overlap = winTieLose(tripled, { baseline: 'run-1', model: 'run-2', seed: 2017 })[0];
    expect(single.intervalMethod).toBe('wilson');
    expect(overlap).toMatchObject({
      intervalMethod: 'item-bootstrap',
      items: single.items,
      n: 3 * single.n,
      wins: 3 * single.wins,
    });
    const width = (row: typeof single) =>
      (row.winInterval as { high: number; low: number }).high - (row.winInterval as { high: number; low: number }).low;
    expect(width(overlap)).toBeGreaterThan(0.8 * width(single));
  });
});
