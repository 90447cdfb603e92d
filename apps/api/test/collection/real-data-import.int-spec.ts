import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  liveQaPresent,
  readLiveQaJudgments,
  readLiveQaQuestions,
  type LiveQaJudgment,
  type LiveQaQuestion,
} from '../../../../test-support/liveqa-med.js';
import { SKIP, count, createProject, importJsonl, nextTask, ok } from './support/collection-helpers.js';

const DATA = join(process.cwd(), '../shared/data');
const DIALOGUES = join(DATA, 'cn-medical-dialogue/sample.jsonl');
const present = liveQaPresent() && existsSync(DIALOGUES);
if (!present) console.warn(`SKIPPING real-data import tests: ${DATA} is absent (see ../shared/data/README.md)`);
const describeWithData = present ? describe : describe.skip;

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);

type Question = LiveQaQuestion;
type Judgment = LiveQaJudgment;
interface Dialogue {
  department: string;
  title: string;
  ask: string;
  answer: string;
}

/** One rating item per LiveQA question: its graded answers are the responses, the NIST grades the annotations. */
function liveQaLines(
  questions: Question[],
  judgments: Judgment[],
  keep: (judgment: Judgment) => boolean = () => true,
): string[] {
  return questions.flatMap((question) => {
    const answers = judgments.filter((judgment) => judgment.qid === question.qid);
    if (answers.length < 2) return [];
    return [
      JSON.stringify({
        id: `liveqa-${question.qid}`,
        language: 'en',
        prompt: [question.subject, question.message].filter(Boolean).join('\n\n'),
        reference: question.reference_answers[0] ?? null,
        responses: answers.map((answer, index) => ({
          id: `a${index}`,
          text: answer.answer,
          source: 'model',
          model: 'trec-liveqa-2017-system',
        })),
        annotations: answers.flatMap((answer, index) =>
          keep(answer)
            ? [
                {
                  annotator: 'nist-assessor',
                  kind: 'rating',
                  response: `a${index}`,
                  criterion: 'overall',
                  score: answer.grade,
                },
              ]
            : [],
        ),
        metadata: { source: 'TREC 2017 LiveQA medical', qid: question.qid },
      }),
    ];
  });
}

let api: TestPlatform;
let lead: { id: string; token: string };

beforeAll(async () => {
  if (!present) return;
  api = await startTestPlatform();
  lead = await api.createUser('lead-data', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describeWithData('LiveQA-Med 2017 as a rating project (scale 1-4)', () => {
  let projectId: string;
  let questions: Question[];
  let judgments: Judgment[];

  beforeAll(async () => {
    questions = readLiveQaQuestions();
    judgments = readLiveQaJudgments();
    projectId = await createProject(api, lead.token, {
      slug: 'liveqa-med',
      name: 'LiveQA-Med 2017',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
      overlap: 3,
      languages: ['en'],
    });
  });

  it('rejects every line carrying a grade of −2, naming the score as outside the scale, and imports the rest', async () => {
    const negative = judgments.filter((judgment) => judgment.grade === -2);
    const questionsWithNegative = new Set(negative.map((judgment) => judgment.qid));
    expect(negative).toHaveLength(18); // as the data README states
    const lines = liveQaLines(questions, judgments);
    const report = await importJsonl(api, lead.token, projectId, lines.join('\n'));
    // The 18 grades of −2 sit in 10 questions; each of those lines is refused as a whole, the other 92 imported.
    const rejectedQids = report.problems.map((problem) => JSON.parse(lines[problem.line - 1]).metadata.qid);
    expect(new Set(rejectedQids)).toEqual(questionsWithNegative);
    expect(report).toMatchObject({
      imported: lines.length - questionsWithNegative.size,
      rejected: questionsWithNegative.size,
    });
    for (const problem of report.problems) {
      expect(problem.field).toMatch(/^annotations\[\d+\]\.score$/);
      expect(problem.reason).toBe('-2 is outside the project scale 1-4');
    }
    // Every −2 is inside a rejected line: count them from the rejected lines themselves.
    const negativeInRejected = report.problems.flatMap((problem) =>
      JSON.parse(lines[problem.line - 1]).annotations.filter(
        (annotation: { score: number }) => annotation.score === -2,
      ),
    );
    expect(negativeInRejected).toHaveLength(18);
  });

  it('stores the grades as labels of one external annotator, none of them off the scale', async () => {
    const keptQids = new Set(
      (
        await api.platform.dataSource.query(`SELECT (metadata->>'qid')::int AS qid FROM items WHERE project_id = $1`, [
          projectId,
        ])
      ).map((row: { qid: number }) => row.qid),
    );
    const expectedScores = judgments.filter((judgment) => keptQids.has(judgment.qid)).length;
    const [stats] = await api.platform.dataSource.query(
      `SELECT count(DISTINCT l.annotator_id) AS annotators,
              min(s.value::int) AS lowest, max(s.value::int) AS highest
         FROM labels l CROSS JOIN LATERAL jsonb_each_text(l.content->'scores'->'overall') s
        WHERE l.project_id = $1`,
      [projectId],
    );
    expect(Number(stats.annotators)).toBe(1);
    expect(await count(api, `SELECT count(*) FROM labels WHERE project_id = $1`, [projectId])).toBe(keptQids.size);
    expect(
      await count(
        api,
        `SELECT count(*) FROM labels l, jsonb_each(l.content->'scores'->'overall') WHERE l.project_id = $1`,
        [projectId],
      ),
    ).toBe(expectedScores);
    expect([stats.lowest, stats.highest]).toEqual([1, 4]);
    const [user] = await api.platform.dataSource.query(
      `SELECT u.username, u.kind FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.project_id = $1 LIMIT 1`,
      [projectId],
    );
    expect(user).toEqual({ username: 'ext:nist-assessor', kind: 'external' });
    const { projectProgress } = ok(
      await api.gql(
        `query ($p: ID!) { projectProgress(projectId: $p) { labels annotators { username labels } } }`,
        { p: projectId },
        lead.token,
      ),
    );
    expect(projectProgress.annotators).toEqual([{ username: 'ext:nist-assessor', labels: keptQids.size }]);
  });

  it('maps the −2 grades out explicitly on a second pass: all questions in, the rest unchanged', async () => {
    const report = await importJsonl(
      api,
      lead.token,
      projectId,
      liveQaLines(questions, judgments, (judgment) => judgment.grade !== -2).join('\n'),
    );
    expect(report).toMatchObject({ imported: 10, unchanged: 92, rejected: 0 });
    expect(
      await count(
        api,
        `SELECT count(*) FROM labels l, jsonb_each(l.content->'scores'->'overall') WHERE l.project_id = $1`,
        [projectId],
      ),
    ).toBe(judgments.length - 18);
  });
});

describeWithData('LiveQA-Med answer pools over the per-item response limit', () => {
  it('accepts a fully graded pool over the limit, refuses a partly graded one naming the setting, and never queues it', async () => {
    const questions = readLiveQaQuestions();
    const judgments = readLiveQaJudgments();
    // A limit of 5 answers per item: questions with 6–8 answers are over it; the −2 answers carry no grade.
    const projectId = await createProject(api, lead.token, {
      slug: 'liveqa-pools',
      name: 'LiveQA pools',
      kind: 'rating',
      scaleMin: 1,
      scaleMax: 4,
      overlap: 2,
      languages: ['en'],
      maxResponsesPerItem: 5,
    });
    const lines = liveQaLines(questions, judgments, (judgment) => judgment.grade !== -2);
    const answersOf = (qid: number) => judgments.filter((judgment) => judgment.qid === qid);
    const over = questions.filter((question) => answersOf(question.qid).length > 5);
    const partlyGraded = over.filter((question) => answersOf(question.qid).some((judgment) => judgment.grade === -2));
    expect(over.length - partlyGraded.length).toBeGreaterThan(10);
    expect(partlyGraded.length).toBeGreaterThan(0);
    const report = await importJsonl(api, lead.token, projectId, lines.join('\n'));
    expect(report.rejected).toBe(partlyGraded.length);
    for (const problem of report.problems) {
      expect(problem.field).toBe('responses');
      expect(problem.reason).toMatch(
        /^has [678] responses, over this project's limit of 5 per item \(setting maxResponsesPerItem\)/,
      );
    }
    expect(
      await count(
        api,
        `SELECT count(*) FROM items i WHERE i.project_id = $1 AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) > 5`,
        [projectId],
      ),
    ).toBe(over.length - partlyGraded.length);
    // A clinician is only ever given items within the limit, and each of those once.
    const clinician = await api.createUser('liveqa-pools-clinician', 'annotator', { languages: ['en'] });
    const seen: number[] = [];
    for (
      let task = await nextTask(api, clinician.token, projectId);
      task;
      task = await nextTask(api, clinician.token, projectId)
    ) {
      seen.push(task.responses.length);
      ok(await api.gql(SKIP, { input: { taskId: task.taskId, reason: 'pool test' } }, clinician.token));
    }
    expect(seen.length).toBe(report.imported - (over.length - partlyGraded.length));
    expect(Math.max(...seen)).toBeLessThanOrEqual(5);
  });
});

describeWithData('Chinese medical dialogues as a pairwise project', () => {
  let projectId: string;
  let dialogues: Dialogue[];

  beforeAll(async () => {
    dialogues = readJsonl<Dialogue>(DIALOGUES);
    projectId = await createProject(api, lead.token, {
      slug: 'cn-dialogue',
      name: '中文医疗问答',
      kind: 'pairwise',
      overlap: 2,
      languages: ['zh'],
    });
  });

  /** The doctor's answer against another answer from the same department, as a deliberately worse candidate. */
  function dialogueLines(): string[] {
    return dialogues.map((dialogue, index) => {
      const sameDepartment = dialogues
        .map((other, otherIndex) => ({ other, otherIndex }))
        .filter(({ other, otherIndex }) => other.department === dialogue.department && otherIndex !== index);
      const decoy = sameDepartment[(index * 7) % sameDepartment.length].other;
      return JSON.stringify({
        id: `cn-${index}`,
        language: 'zh',
        specialty: dialogue.department,
        prompt: dialogue.ask,
        responses: [
          { id: 'doctor', text: dialogue.answer, source: 'human' },
          { id: 'other', text: decoy.answer, source: 'human' },
        ],
        gold: { criterion: 'overall', preferred: 'doctor' },
        metadata: { title: dialogue.title },
      });
    });
  }

  it('imports all 400 dialogues with their text intact, byte for byte', async () => {
    const report = await importJsonl(api, lead.token, projectId, dialogueLines().join('\n'));
    expect(report).toMatchObject({ imported: 400, rejected: 0 });
    const rows: { external_id: string; prompt: string; specialty: string; text: string; title: string }[] =
      await api.platform.dataSource.query(
        `SELECT i.external_id, i.prompt, i.specialty, r.text, i.metadata->>'title' AS title FROM items i JOIN responses r ON r.item_id = i.id AND r.external_id = 'doctor' WHERE i.project_id = $1`,
        [projectId],
      );
    expect(rows).toHaveLength(400);
    for (const row of rows) {
      const source = dialogues[Number(row.external_id.slice(3))];
      expect(Buffer.compare(Buffer.from(row.prompt), Buffer.from(source.ask))).toBe(0);
      expect(Buffer.compare(Buffer.from(row.text), Buffer.from(source.answer))).toBe(0);
      expect([row.specialty, row.title]).toEqual([source.department, source.title]);
    }
  });

  it('routes by specialty: a cardiologist (心血管科) only ever gets cardiology dialogues, and all of them', async () => {
    const cardiologist = await api.createUser('dr-wang', 'annotator', { languages: ['zh'], specialties: ['心血管科'] });
    const specialties = new Set<string>();
    let tasks = 0;
    for (
      let task = await nextTask(api, cardiologist.token, projectId);
      task;
      task = await nextTask(api, cardiologist.token, projectId)
    ) {
      tasks += 1;
      specialties.add(task.specialty);
      ok(
        await api.gql(
          `mutation ($id: ID!) { skipTask(input: {taskId: $id, reason: "路由测试"}) }`,
          { id: task.taskId },
          cardiologist.token,
        ),
      );
    }
    expect([...specialties]).toEqual(['心血管科']);
    expect(tasks).toBe(dialogues.filter((dialogue) => dialogue.department === '心血管科').length);
    const english = await api.createUser('dr-smith', 'annotator', { languages: ['en'], specialties: ['心血管科'] });
    expect(await nextTask(api, english.token, projectId)).toBeNull();
  });
});
