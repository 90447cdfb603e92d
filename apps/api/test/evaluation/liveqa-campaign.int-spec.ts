import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaAnswers,
  readLiveQaQuestions,
  type LiveQaAnswer,
  type LiveQaQuestion,
} from '../../../../test-support/liveqa-med.js';
import { SYSTEM_ACTOR, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { ok } from './support/evaluation-helpers.js';

// TREC 2017 LiveQA medical task: 104 questions with reference answers, 692 graded answers (1..4; 18 carry −2, off the scale).
const present = liveQaPresent();
if (!present) console.warn(`SKIPPED liveqa-campaign.int-spec.ts: LiveQA-Med data not found at ${LIVEQA_DIR}`);
const describeWithData = present ? describe : describe.skip;

type Answer = LiveQaAnswer;
type Question = LiveQaQuestion;

function loadAnswers(): { onScale: Answer[]; offScale: Answer[] } {
  const all = readLiveQaAnswers();
  const onScale = all.filter((answer) => [1, 2, 3, 4].includes(answer.grade));
  return { onScale, offScale: all.filter((answer) => !onScale.includes(answer)) };
}

/** Every two on-scale answers to one question: the grades decide (NIST assessor), and a stand-in judge prefers the longer answer. */
function pairsOf(answers: readonly Answer[]): Array<{ a: Answer; b: Answer; graded: string; longer: string }> {
  const pairs = [];
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      const [a, b] = [answers[i], answers[j]];
      if (a.qid !== b.qid) continue;
      const graded = a.grade > b.grade ? 'a' : a.grade < b.grade ? 'b' : 'tie';
      const longer = a.answer.length > b.answer.length ? 'a' : a.answer.length < b.answer.length ? 'b' : 'tie';
      pairs.push({ a, b, graded, longer });
    }
  }
  return pairs;
}

function importBytes(questions: Question[], answers: Answer[]): Uint8Array {
  const pairs = pairsOf(answers);
  const lines = questions
    .map((question) => ({ question, own: answers.filter((answer) => answer.qid === question.qid) }))
    .filter(({ own }) => own.length >= 2)
    .map(({ question, own }) => ({
      id: `q${question.qid}`,
      language: 'en',
      prompt: `${question.subject ?? ''}\n${question.message}`.trim(),
      reference: question.reference_answers[0],
      metadata: { type: question.types, references: question.reference_answers },
      responses: own.map((answer) => ({ id: answer.run, text: answer.answer, model: answer.run })),
      annotations: pairs
        .filter((pair) => pair.a.qid === question.qid)
        .flatMap((pair) => [
          {
            annotator: 'nist-assessor',
            kind: 'pairwise',
            a: pair.a.run,
            b: pair.b.run,
            criterion: 'overall',
            choice: pair.graded,
          },
          {
            annotator: 'length-judge',
            annotator_kind: 'judge',
            kind: 'pairwise',
            a: pair.a.run,
            b: pair.b.run,
            criterion: 'overall',
            choice: pair.longer,
          },
        ]),
    }));
  return new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join('\n'));
}

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;
const { onScale, offScale } = present ? loadAnswers() : { onScale: [], offScale: [] };

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('liveqa-lead', 'lead');
  if (!present) return;
  const project = await api.services.projects.create(
    { slug: 'liveqa-2017', name: 'LiveQA-Med 2017 runs', kind: 'pairwise', allowTies: true, overlap: 2 },
    SYSTEM_ACTOR,
  );
  projectId = project.id;
  const report = await api.services.imports.importFile(
    project,
    importBytes(readLiveQaQuestions(), onScale),
    { strict: true },
    SYSTEM_ACTOR,
  );
  expect(report.rejected).toBe(0);
}, 180_000);

afterAll(async () => {
  await api?.close();
});

describeWithData('LiveQA-Med 2017 graded answers as a multi-model campaign', () => {
  const pairs = pairsOf(onScale);

  it('keeps the 18 off-scale (−2) grades out of the campaign explicitly', async () => {
    expect(offScale).toHaveLength(18);
    expect(offScale.every((answer) => answer.grade === -2)).toBe(true);
    const [{ n }] = await api.platform.dataSource.query(
      `SELECT count(*)::int AS n FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
      [projectId],
    );
    // 674 on-scale answers, less the single on-scale answer of the one question that has no second one.
    expect(n).toBe(onScale.length - 1);
  });

  it('reproduces the grade comparisons as win/tie/lose against run-1, and ranks all eight runs', async () => {
    const started = Date.now();
    const report = ok(
      await api.gql(
        `query ($p: ID!) { evaluationReport(projectId: $p, baseline: "run-1", resamples: 1000, seed: 2017) {
          judgements items models rows { model n wins ties losses signTestP } skipped { reason count }
          leaderboard { items converged rows { model strength low high } } judgeAgreement { judge n agreeing share } } }`,
        { p: projectId },
        lead.token,
      ),
    ).evaluationReport;
    const elapsed = Date.now() - started;
    console.info(`LiveQA evaluationReport with 1000 bootstrap resamples: ${elapsed} ms`);
    expect(report.judgements).toBe(pairs.length);
    expect(report.items).toBe(101);
    expect(report.skipped).toEqual([]);
    expect(report.models).toHaveLength(8);
    // Independent count from the grades: run-2's answers against run-1's on the same question.
    const between = pairs.filter((pair) => [pair.a.run, pair.b.run].sort().join() === 'run-1,run-2');
    const run2Grade = (pair: (typeof pairs)[number]) => (pair.a.run === 'run-2' ? pair.a.grade : pair.b.grade);
    const run1Grade = (pair: (typeof pairs)[number]) => (pair.a.run === 'run-1' ? pair.a.grade : pair.b.grade);
    const row = report.rows.find((entry: { model: string }) => entry.model === 'run-2');
    expect(row).toMatchObject({
      n: between.length,
      wins: between.filter((pair) => run2Grade(pair) > run1Grade(pair)).length,
      ties: between.filter((pair) => run2Grade(pair) === run1Grade(pair)).length,
      losses: between.filter((pair) => run2Grade(pair) < run1Grade(pair)).length,
    });
    expect(report.rows).toHaveLength(7);
    expect(report.leaderboard.items).toBe(101);
    expect(report.leaderboard.converged).toBe(true);
    expect(report.leaderboard.rows).toHaveLength(8);
    for (const entry of report.leaderboard.rows) {
      expect(entry.low).toBeLessThanOrEqual(entry.strength);
      expect(entry.high).toBeGreaterThanOrEqual(entry.strength);
    }
    // The stand-in judge (longer answer wins) against the assessor's grade on every pair; one assessor is always a majority.
    const agreeing = pairs.filter((pair) => pair.longer === pair.graded).length;
    expect(report.judgeAgreement).toEqual([
      { judge: 'judge:length-judge', n: pairs.length, agreeing, share: agreeing / pairs.length },
    ]);
  }, 60_000);

  it('breaks results down by question type', async () => {
    const report = ok(
      await api.gql(
        `query ($p: ID!) { evaluationReport(projectId: $p, baseline: "run-1", groupBy: QUESTION_TYPE, resamples: 20) { rows { model group n } } }`,
        { p: projectId },
        lead.token,
      ),
    ).evaluationReport;
    const run2 = report.rows.filter((entry: { model: string }) => entry.model === 'run-2');
    const overall = run2.find((entry: { group: string | null }) => entry.group === null);
    const groups = run2.filter((entry: { group: string | null }) => entry.group !== null);
    expect(groups.length).toBeGreaterThan(3);
    expect(groups.reduce((sum: number, entry: { n: number }) => sum + entry.n, 0)).toBe(overall.n);
  });

  it("scores every run's answers against the questions' reference answers", async () => {
    const started = Date.now();
    const metrics = ok(
      await api.gql(
        `query ($p: ID!) { modelMetrics(projectId: $p) { rows { model answers bleu1 bleu4 rouge1 rougeL } answersWithoutReference } }`,
        { p: projectId },
        lead.token,
      ),
    ).modelMetrics;
    console.info(`LiveQA modelMetrics (8 runs, 673 answers, 167 references): ${Date.now() - started} ms`);
    expect(metrics.rows).toHaveLength(8);
    expect(metrics.answersWithoutReference).toBe(0);
    expect(metrics.rows.reduce((sum: number, row: { answers: number }) => sum + row.answers, 0)).toBe(
      onScale.length - 1,
    );
    for (const row of metrics.rows) {
      for (const key of ['bleu1', 'bleu4', 'rouge1', 'rougeL']) {
        expect(row[key]).toBeGreaterThan(0);
        expect(row[key]).toBeLessThan(1);
      }
      expect(row.bleu4).toBeLessThan(row.bleu1);
    }
  }, 60_000);
});
