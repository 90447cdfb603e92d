import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scorePredictions } from '@clinrank/eval-metrics';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createProject, importLines, ok, runEvalCli } from './support/evaluation-helpers.js';

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;

const REPORT = `query ($p: ID!, $c: String!, $b: String, $g: ReportGroupBy, $j: JudgeMode!) {
  evaluationReport(projectId: $p, criterion: $c, baseline: $b, groupBy: $g, judges: $j, resamples: 200, seed: 7) {
    criterion baseline judges models judgements items csv markdown leaderboardMarkdown
    rows { model baseline criterion group n wins ties losses bothBad winRate tieRate loseRate winInterval { low high } signTestP }
    leaderboard { rows { rank model strength low high elo games wins ties losses } items judgements converged }
    judgeAgreement { judge n agreeing share withoutMajority }
    skipped { reason count }
  } }`;

/**
 * A synthetic campaign, hand-computable. Five items, each answered by new-model, baseline and other-model.
 * Clinicians (overall): i1 new wins (new on A, "a"), i2 new wins (new on B, "b"), i3 new wins, i4 tie, i5 baseline wins.
 * The judge says new-model wins on i1, i2 and i5. Every item's reference is "take one aspirin tablet daily with food" (7 tokens).
 */
function campaignLines() {
  const judged: Record<string, Array<{ annotator: string; judge?: boolean; a: string; b: string; choice: string }>> = {
    i1: [
      { annotator: 'dr-a', a: 'new', b: 'base', choice: 'a' },
      { annotator: 'llm-judge', judge: true, a: 'base', b: 'new', choice: 'b' },
    ],
    i2: [
      { annotator: 'dr-a', a: 'base', b: 'new', choice: 'b' },
      { annotator: 'llm-judge', judge: true, a: 'new', b: 'base', choice: 'a' },
    ],
    i3: [{ annotator: 'dr-b', a: 'new', b: 'base', choice: 'a' }],
    i4: [{ annotator: 'dr-b', a: 'new', b: 'base', choice: 'tie' }],
    i5: [
      { annotator: 'dr-a', a: 'base', b: 'new', choice: 'a' },
      { annotator: 'llm-judge', judge: true, a: 'new', b: 'base', choice: 'a' },
    ],
  };
  return Object.entries(judged).map(([id, judgements], index) => ({
    id,
    language: index < 3 ? 'en' : 'zh',
    specialty: 'cardiology',
    prompt: `Question ${id}: should I take aspirin?`,
    reference: 'take one aspirin tablet daily with food',
    metadata: { type: index % 2 === 0 ? 'TREATMENT' : 'DOSAGE' },
    responses: [
      { id: 'new', text: 'Take one aspirin tablet daily, with food.', model: 'new-model' },
      { id: 'base', text: 'rest', model: 'baseline' },
      { id: 'other', text: 'take one aspirin tablet', model: 'other-model' },
    ],
    annotations: judgements.map((j) => ({
      annotator: j.annotator,
      ...(j.judge ? { annotator_kind: 'judge' } : {}),
      kind: 'pairwise',
      a: j.a,
      b: j.b,
      criterion: 'overall',
      choice: j.choice,
    })),
  }));
}

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('eval-lead', 'lead');
  projectId = await createProject(api, lead.token, {
    slug: 'synthetic-campaign',
    name: 'Synthetic campaign',
    kind: 'pairwise',
    allowTies: true,
    overlap: 5,
  });
  await importLines(api, lead.token, projectId, campaignLines());
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('evaluationReport on a hand-computable campaign', () => {
  it('gives the clinicians-only win/tie/lose against the baseline with Wilson intervals and the sign test', async () => {
    const report = ok(
      await api.gql(REPORT, { p: projectId, c: 'overall', b: 'baseline', j: 'EXCLUDE' }, lead.token),
    ).evaluationReport;
    expect(report).toMatchObject({
      criterion: 'overall',
      baseline: 'baseline',
      judges: 'EXCLUDE',
      models: ['baseline', 'new-model'],
      judgements: 5,
      items: 5,
      skipped: [],
    });
    // 3 wins, 1 tie, 1 loss of 5.
    expect(report.rows).toEqual([
      expect.objectContaining({
        model: 'new-model',
        baseline: 'baseline',
        n: 5,
        wins: 3,
        ties: 1,
        losses: 1,
        winRate: 0.6,
        tieRate: 0.2,
        loseRate: 0.2,
      }),
    ]);
    // Wilson 95% for 3/5 is [0.2307, 0.8824]; sign test 3 vs 1 under Bin(4, ½): (1+4+4+1)/16 = 0.625.
    expect(report.rows[0].winInterval.low).toBeCloseTo(0.2307, 3);
    expect(report.rows[0].winInterval.high).toBeCloseTo(0.8824, 3);
    expect(report.rows[0].signTestP).toBeCloseTo(0.625, 10);
    expect(report.markdown).toContain('| new-model vs baseline | 60.0 | 20.0 | 20.0 | 5 | 0.625 |');
    expect(report.csv.split('\n')[1]).toMatch(/^new-model,baseline,overall,,,5,3,1,1,0,60\.0,23\.1,88\.2,20\.0,20\.0,/);
    expect(report.leaderboard.rows.map((row: { model: string }) => row.model)).toEqual(['new-model', 'baseline']);
    expect(report.leaderboard.rows[0]).toMatchObject({ rank: 1, games: 5, wins: 3, ties: 1, losses: 1 });
    expect(report.leaderboard.rows[0].low).toBeLessThanOrEqual(report.leaderboard.rows[0].strength);
    expect(report.leaderboard.rows[0].high).toBeGreaterThanOrEqual(report.leaderboard.rows[0].strength);
  });

  it("includes, isolates and compares the judge: it agrees with the clinicians' majority on 2 of 3 items", async () => {
    const included = ok(
      await api.gql(REPORT, { p: projectId, c: 'overall', b: 'baseline', j: 'INCLUDE' }, lead.token),
    ).evaluationReport;
    // The judge adds three new-model wins: 6 wins, 1 tie, 1 loss.
    expect(included.rows[0]).toMatchObject({ n: 8, wins: 6, ties: 1, losses: 1 });
    const only = ok(
      await api.gql(REPORT, { p: projectId, c: 'overall', b: 'baseline', j: 'ONLY' }, lead.token),
    ).evaluationReport;
    expect(only.rows[0]).toMatchObject({ n: 3, wins: 3, ties: 0, losses: 0 });
    expect(only.judgeAgreement).toEqual([
      { judge: 'judge:llm-judge', n: 3, agreeing: 2, share: 2 / 3, withoutMajority: 0 },
    ]);
  });

  it('breaks the table down by language and by question type', async () => {
    const byLanguage = ok(
      await api.gql(REPORT, { p: projectId, c: 'overall', b: 'baseline', g: 'LANGUAGE', j: 'EXCLUDE' }, lead.token),
    ).evaluationReport;
    // en: i1, i2, i3 all won; zh: i4 tie, i5 lost.
    expect(
      byLanguage.rows.map((row: { group: string | null; wins: number; ties: number; losses: number }) => [
        row.group,
        row.wins,
        row.ties,
        row.losses,
      ]),
    ).toEqual([
      [null, 3, 1, 1],
      ['en', 3, 0, 0],
      ['zh', 0, 1, 1],
    ]);
    const byType = ok(
      await api.gql(
        REPORT,
        { p: projectId, c: 'overall', b: 'baseline', g: 'QUESTION_TYPE', j: 'EXCLUDE' },
        lead.token,
      ),
    ).evaluationReport;
    // TREATMENT = i1, i3, i5 (win, win, loss); DOSAGE = i2, i4 (win, tie).
    expect(
      byType.rows
        .slice(1)
        .map((row: { group: string; wins: number; ties: number; losses: number }) => [
          row.group,
          row.wins,
          row.ties,
          row.losses,
        ]),
    ).toEqual([
      ['DOSAGE', 1, 1, 0],
      ['TREATMENT', 2, 0, 1],
    ]);
  });

  it('answers a bad baseline or criterion with BAD_USER_INPUT naming the field', async () => {
    const badBaseline = await api.gql(REPORT, { p: projectId, c: 'overall', b: 'gpt-9', j: 'EXCLUDE' }, lead.token);
    expect(badBaseline.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'baseline' } });
    const badCriterion = await api.gql(REPORT, { p: projectId, c: 'empathy', j: 'EXCLUDE' }, lead.token);
    expect(badCriterion.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'criterion' } });
  });

  it('audits each report as an export', async () => {
    const rows = await api.platform.dataSource.query(
      `SELECT actor, details FROM audit_log WHERE action = 'evaluation.report' AND project_id = $1 ORDER BY id`,
      [projectId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatchObject({
      actor: 'user:eval-lead',
      details: { criterion: 'overall', baseline: 'baseline', judges: 'exclude', judgements: 5 },
    });
  });
});

describe('automatic metrics per model', () => {
  it('scores each model against the references: exact answers 1, no overlap 0, a short answer pays the brevity penalty', async () => {
    const result = ok(
      await api.gql(
        `query ($p: ID!) { modelMetrics(projectId: $p) { rows { model answers bleu1 bleu4 gleu rouge1 rougeL } answersWithoutReference markdown } }`,
        { p: projectId },
        lead.token,
      ),
    ).modelMetrics;
    const byModel = Object.fromEntries(result.rows.map((row: { model: string }) => [row.model, row]));
    expect(Object.keys(byModel)).toEqual(['baseline', 'new-model', 'other-model']);
    expect(byModel['new-model']).toMatchObject({ answers: 5, bleu1: 1, bleu4: 1, gleu: 1, rouge1: 1, rougeL: 1 });
    expect(byModel.baseline).toMatchObject({ bleu1: 0, rouge1: 0 });
    // 4 of the 7 reference tokens, in order: unigram precision 1, brevity penalty e^(1 − 35/20) = e^−0.75; ROUGE-1 F1 = 2·1·(4/7)/(1 + 4/7) = 8/11.
    expect(byModel['other-model'].bleu1).toBeCloseTo(Math.exp(-0.75), 10);
    expect(byModel['other-model'].rouge1).toBeCloseTo(8 / 11, 10);
    expect(result.answersWithoutReference).toBe(0);
    expect(result.markdown.split('\n')[0]).toBe(
      '| Model | Answers | BLEU-1 | BLEU-2 | BLEU-3 | BLEU-4 | GLEU | ROUGE-1 | ROUGE-2 | ROUGE-L |',
    );
  });
});

/** Items in three languages with different answers, and a French item without a reference (never scorable). */
const MULTILINGUAL = [
  {
    id: 'm1',
    language: 'en',
    prompt: 'Aspirin?',
    reference: 'take one aspirin tablet daily with food',
    answers: { alpha: 'take one aspirin tablet daily with food', beta: 'take two tablets daily' },
  },
  {
    id: 'm2',
    language: 'en',
    prompt: 'Fever?',
    reference: 'drink water and rest at home',
    answers: { alpha: 'drink water and rest', beta: 'see a doctor at home' },
  },
  {
    id: 'm3',
    language: 'ar',
    prompt: 'ماذا أفعل؟',
    reference: 'اشرب الماء كثيرا',
    answers: { alpha: 'اشرب الماء', beta: 'نم كثيرا' },
  },
  {
    id: 'm4',
    language: 'zh',
    prompt: '发烧怎么办？',
    reference: '多喝水 多休息',
    answers: { alpha: '多喝水', beta: '多喝水 多休息' },
  },
  {
    id: 'm5',
    language: 'fr',
    prompt: 'Fièvre ?',
    reference: null,
    answers: { alpha: 'buvez de l’eau', beta: 'reposez-vous' },
  },
];

describe('automatic metrics of one language', () => {
  let multilingualId: string;
  const METRICS = `query ($p: ID!, $l: String) { modelMetrics(projectId: $p, language: $l) {
    language languages answersWithoutReference csv rows { model answers bleu1 bleu2 bleu3 bleu4 gleu rouge1 rouge2 rougeL sentenceBleu4 } } }`;

  beforeAll(async () => {
    multilingualId = await createProject(api, lead.token, {
      slug: 'multilingual-metrics',
      name: 'Multilingual metrics',
      kind: 'pairwise',
      allowTies: true,
      overlap: 1,
    });
    await importLines(
      api,
      lead.token,
      multilingualId,
      MULTILINGUAL.map(({ answers, reference, ...item }) => ({
        ...item,
        ...(reference ? { reference } : {}),
        responses: Object.entries(answers).map(([model, text]) => ({ id: model, text, model })),
      })),
    );
  });

  /** What @clinrank/eval-metrics gives for one model's answers to the items of one language. */
  function expected(model: 'alpha' | 'beta', language: string) {
    const items = MULTILINGUAL.filter((item) => item.language === language && item.reference);
    const { items: _items, ...scores } = scorePredictions(
      items.map((item) => ({
        id: item.id,
        language: item.language,
        prediction: item.answers[model],
        references: [item.reference!],
      })),
    );
    return { model, answers: items.length, ...scores };
  }

  it("lists the languages that have references and scores only that language's answers", async () => {
    const all = ok(await api.gql(METRICS, { p: multilingualId }, lead.token)).modelMetrics;
    expect(all).toMatchObject({ language: null, languages: ['ar', 'en', 'zh'], answersWithoutReference: 2 });
    for (const language of ['en', 'ar', 'zh']) {
      const subset = ok(await api.gql(METRICS, { p: multilingualId, l: language }, lead.token)).modelMetrics;
      expect(subset).toMatchObject({ language, languages: ['ar', 'en', 'zh'], answersWithoutReference: 0 });
      expect(subset.rows).toEqual(
        [expected('alpha', language), expected('beta', language)].map((row) =>
          expect.objectContaining(
            Object.fromEntries(
              Object.entries(row).map(([key, value]) => [
                key,
                typeof value === 'number' && !Number.isInteger(value) ? expect.closeTo(value, 12) : value,
              ]),
            ),
          ),
        ),
      );
    }
    // The English subset differs from the whole project, so the filter really applies.
    const english = ok(await api.gql(METRICS, { p: multilingualId, l: 'en' }, lead.token)).modelMetrics;
    expect(english.rows[1].bleu1).not.toBeCloseTo(all.rows[1].bleu1, 6);
    // French answers exist but have no reference: nothing to score, both counted as without reference.
    const french = ok(await api.gql(METRICS, { p: multilingualId, l: 'fr' }, lead.token)).modelMetrics;
    expect(french).toMatchObject({ rows: [], answersWithoutReference: 2 });
  });

  it('answers a malformed or absent language with BAD_USER_INPUT naming the field', async () => {
    const malformed = await api.gql(METRICS, { p: multilingualId, l: 'English' }, lead.token);
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'language' } });
    expect(malformed.errors?.[0].message).toContain('not a language code');
    const absent = await api.gql(METRICS, { p: multilingualId, l: 'de' }, lead.token);
    expect(absent.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'language' } });
    expect(absent.errors?.[0].message).toContain('ar, en, fr, zh');
  });

  it('filters through the CLI with --language and exits 2 on an unknown one', async () => {
    const run = await runEvalCli(api, [
      'metrics',
      '--project',
      'multilingual-metrics',
      '--language',
      'zh',
      '--format',
      'csv',
    ]);
    expect(run.code).toBe(0);
    const zhAlpha = expected('alpha', 'zh');
    expect(run.stdout.split('\n')[1]).toBe(
      `alpha,1,${(zhAlpha.bleu1 * 100).toFixed(2)},${(zhAlpha.bleu2 * 100).toFixed(2)},${(zhAlpha.bleu3 * 100).toFixed(2)},${(zhAlpha.bleu4 * 100).toFixed(2)},${(zhAlpha.gleu * 100).toFixed(2)},${(zhAlpha.rouge1 * 100).toFixed(2)},${(zhAlpha.rouge2 * 100).toFixed(2)},${(zhAlpha.rougeL * 100).toFixed(2)}`,
    );
    const unknown = await runEvalCli(api, ['metrics', '--project', 'multilingual-metrics', '--language', 'xx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('language');
  });
});

describe('permissions', () => {
  it('refuses every evaluation operation to annotators, and campaign planning to ML engineers', async () => {
    const annotator = await api.createUser('eval-annotator', 'annotator');
    const engineer = await api.createUser('eval-engineer', 'ml_engineer');
    const queries = [
      [`query ($p: ID!) { evaluationReport(projectId: $p) { judgements } }`],
      [`query ($p: ID!) { modelMetrics(projectId: $p) { csv } }`],
      [`query ($p: ID!) { validationReport(projectId: $p) { csv } }`],
      [`query ($p: ID!) { campaignPlan(projectId: $p) { strategy } }`],
      [`query ($p: ID!) { campaignModels(projectId: $p) }`],
      [`mutation ($p: ID!) { configureCampaign(projectId: $p, strategy: ALL_PAIRS) { strategy } }`],
    ];
    for (const [query] of queries) {
      const result = await api.gql(query, { p: projectId }, annotator.token);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(ok(await api.gql(queries[0][0], { p: projectId }, engineer.token)).evaluationReport.judgements).toBe(5);
    const planned = await api.gql(queries[5][0], { p: projectId }, engineer.token);
    expect(planned.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('CLI eval report', () => {
  it('prints the paper-style Markdown table and the leaderboard', async () => {
    const run = await runEvalCli(api, [
      'report',
      '--project',
      'synthetic-campaign',
      '--baseline',
      'baseline',
      '--format',
      'md',
      '--resamples',
      '100',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('## Win / tie / lose (overall)');
    expect(run.stdout).toContain('| new-model vs baseline | 60.0 | 20.0 | 20.0 | 5 | 0.625 |');
    expect(run.stdout).toMatch(/\| 1 \| new-model \| /);
  });

  it('prints CSV, the leaderboard CSV, and JSON with the judge included', async () => {
    const csv = await runEvalCli(api, [
      'report',
      '--project',
      'synthetic-campaign',
      '--baseline',
      'baseline',
      '--by',
      'language',
      '--format',
      'csv',
      '--resamples',
      '50',
    ]);
    expect(csv.code).toBe(0);
    expect(
      csv.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(',').slice(0, 9).join(',')),
    ).toEqual([
      'model,baseline,criterion,group_by,group,n,wins,ties,losses',
      'new-model,baseline,overall,,,5,3,1,1',
      'new-model,baseline,overall,language,en,3,3,0,0',
      'new-model,baseline,overall,language,zh,2,0,1,1',
    ]);
    const board = await runEvalCli(api, [
      'report',
      '--project',
      'synthetic-campaign',
      '--format',
      'csv',
      '--leaderboard',
      '--resamples',
      '50',
    ]);
    expect(board.stdout.split('\n')[1]).toMatch(/^1,new-model,/);
    const json = await runEvalCli(api, [
      'report',
      '--project',
      'synthetic-campaign',
      '--baseline',
      'baseline',
      '--judges',
      'include',
      '--resamples',
      '50',
    ]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.rows[0]).toMatchObject({ wins: 6, ties: 1, losses: 1 });
    expect(parsed.csv).toBeUndefined();
  });

  it('exits 2 naming the option on bad usage', async () => {
    const badJudges = await runEvalCli(api, ['report', '--project', 'synthetic-campaign', '--judges', 'sometimes']);
    expect(badJudges.code).toBe(2);
    expect(badJudges.stderr).toContain('--judges');
    const badBaseline = await runEvalCli(api, ['report', '--project', 'synthetic-campaign', '--baseline', 'gpt-9']);
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.stderr).toContain('baseline');
  });

  it('prints the per-model metrics table for a project', async () => {
    const run = await runEvalCli(api, ['metrics', '--project', 'synthetic-campaign', '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe('new-model,5,100.00,100.00,100.00,100.00,100.00,100.00,100.00,100.00');
  });
});
