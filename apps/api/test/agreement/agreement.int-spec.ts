import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { main } from '../../../cli/src/main.js';
import { ok } from '../support/assertions.js';
import { startTestPlatform, SYSTEM_ACTOR, type TestPlatform } from '../support/test-platform.js';

/** Krippendorff (2011) section C: 4 coders, 12 units, '.' = missing; α nominal 0.743, ordinal 0.815, interval 0.849. */
const KRIPPENDORFF_2011: Record<string, string> = {
  A: '1 2 3 3 2 1 4 1 2 . . .',
  B: '1 2 3 3 2 2 4 1 2 5 . 3',
  C: '. 3 3 3 2 3 4 2 2 5 1 .',
  D: '1 2 3 3 2 4 4 1 2 5 1 .',
};

const SUMMARY = `query ($id: ID!, $filter: AgreementFilterInput) { agreementSummary(projectId: $id, filter: $filter) {
  kind labels items coders seed
  criteria { criterion units coders values headlineLevel percentAgreement fleissKappa fleissKappaReason kendallW
    alphaNominal { alpha low high resamples units pairableValues } alphaOrdinal { alpha low high } alphaInterval { alpha low high resamples }
    cohenKappa { coderA coderB n kappa } }
  cache { stamp fresh source computeMs } } }`;
const QUALITY = `query ($id: ID!, $filter: AgreementFilterInput, $t: AnnotatorThresholdsInput) { annotatorQuality(projectId: $id, filter: $filter, thresholds: $t) {
  criterion cache { source }
  annotators { coder annotatorId labels flagged flagReasons medianSeconds timedTasks checks { kind status value threshold n minN pValue reason }
    looAgreement { n agreements rate skipped } gold { n correct accuracy } positionBias { n firstChosen share pValue } tieRate { n ties rate }
    weekly { week n agreements rate } } } }`;
const CONFUSION = `query ($id: ID!, $c: String, $a: String!, $b: String!) { confusionMatrix(projectId: $id, criterion: $c, coderA: $a, coderB: $b) { criterion coderA coderB categories counts n } }`;

let api: TestPlatform;
let lead: { id: string; token: string };
let ratingProject: string;
let pairwiseProject: string;

/** One import line: an item with two responses and the given annotations. */
function itemLine(id: string, annotations: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${id}?`,
    responses: [
      { id: 'r1', text: `One ${id}` },
      { id: 'r2', text: `Two ${id}` },
    ],
    annotations,
    ...extra,
  });
}

async function importLines(slug: string, lines: string[]): Promise<void> {
  const project = await api.services.projects.get(slug);
  const report = await api.services.imports.importFile(
    project,
    new TextEncoder().encode(lines.join('\n')),
    { strict: true },
    SYSTEM_ACTOR,
  );
  if (report.rejected > 0) throw new Error(`import rejected lines: ${JSON.stringify(report.problems)}`);
}

/** Runs `clinrank …` in-process against the test database and parses what it prints. */
async function cli(args: string[]): Promise<{ code: number; json: any }> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = api.config.databaseUrl as string;
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (chunks.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = await main(['node', 'clinrank', ...args]);
    return { code, json: chunks.length ? JSON.parse(chunks.join('')) : null };
  } finally {
    process.stdout.write = write;
    process.env.DATABASE_URL = previous;
  }
}

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-agree', 'lead');
  ratingProject = (
    await api.services.projects.create(
      { slug: 'kripp-2011', name: 'Krippendorff 2011', kind: 'rating', criteria: ['accuracy'] },
      SYSTEM_ACTOR,
    )
  ).id;
  // Unit u of the published table is response r1 of item u; r2 is never rated.
  await importLines(
    'kripp-2011',
    Array.from({ length: 12 }, (_, u) =>
      itemLine(
        `k${u + 1}`,
        Object.entries(KRIPPENDORFF_2011).flatMap(([coder, row]) => {
          const cell = row.split(' ')[u];
          return cell === '.'
            ? []
            : [{ annotator: coder, kind: 'rating', response: 'r1', criterion: 'accuracy', score: Number(cell) }];
        }),
      ),
    ),
  );
  pairwiseProject = (
    await api.services.projects.create(
      { slug: 'left-bias', name: 'Left bias', kind: 'pairwise', criteria: ['accuracy'] },
      SYSTEM_ACTOR,
    )
  ).id;
  // p1 and p2 prefer r1 on items 1–6 and r2 on items 7–12; p3 always picks the answer shown first (r1). Item 7 is gold: r2.
  await importLines(
    'left-bias',
    Array.from({ length: 12 }, (_, i) => {
      const agreed = i < 6 ? 'a' : 'b';
      const annotations = [
        ['p1', agreed],
        ['p2', agreed],
        ['p3', 'a'],
      ].map(([annotator, choice]) => ({ annotator, kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice }));
      return itemLine(`q${i + 1}`, annotations, i === 6 ? { gold: { criterion: 'overall', preferred: 'r2' } } : {});
    }),
  );
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('agreementSummary', () => {
  it('reproduces the published Krippendorff (2011) alphas from rating labels in the database', async () => {
    const data = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { criterion: 'accuracy' } }, lead.token),
    ).agreementSummary;
    expect(data).toMatchObject({ kind: 'rating', labels: 41, items: 12, coders: 4 });
    const [accuracy] = data.criteria;
    expect(accuracy).toMatchObject({
      criterion: 'accuracy',
      units: 12,
      coders: 4,
      values: 41,
      headlineLevel: 'interval',
      fleissKappa: null,
      kendallW: null,
    });
    expect(accuracy.alphaInterval.alpha).toBeCloseTo(0.849, 3);
    expect(accuracy.alphaOrdinal.alpha).toBeCloseTo(0.815, 3);
    expect(accuracy.alphaNominal.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 holds a single value: 11 pairable units, 40 pairable values.
    expect(accuracy.alphaNominal).toMatchObject({ units: 11, pairableValues: 40, resamples: 1000 });
    for (const alpha of [accuracy.alphaNominal, accuracy.alphaOrdinal, accuracy.alphaInterval]) {
      expect(alpha.low).toBeLessThanOrEqual(alpha.alpha);
      expect(alpha.high).toBeGreaterThanOrEqual(alpha.alpha);
    }
    expect(accuracy.fleissKappaReason).toMatch(/different numbers of ratings/);
    // Per unit (agreeing ordered pairs)/(m(m−1)): units 2 and 8 give 6/12, unit 6 gives 0, the other 8 pairable units 1 → 9/11.
    expect(accuracy.percentAgreement).toBeCloseTo(9 / 11, 10);
    // Only B–D and C–D share ≥ 10 units. B vs D on units 1–10 agree on 9; Σ a_v·b_v = 2·2+4·3+2·2+1·2+1·1 = 23;
    // κ = (10·9 − 23)/(10² − 23) = 67/77.
    expect(
      accuracy.cohenKappa.map((pair: { coderA: string; coderB: string }) => `${pair.coderA}|${pair.coderB}`),
    ).toEqual(['ext:B|ext:D', 'ext:C|ext:D']);
    expect(accuracy.cohenKappa[0]).toMatchObject({ n: 10 });
    expect(accuracy.cohenKappa[0].kappa).toBeCloseTo(67 / 77, 10);
  });

  it('gives the same seeded interval on every call', async () => {
    const first = ok(await api.gql(SUMMARY, { id: ratingProject }, lead.token)).agreementSummary;
    api.platform.app.get((await import('@clinrank/server-agreement')).AgreementService).clearMemoryCache();
    await api.platform.dataSource.query(`DELETE FROM agreement_cache WHERE project_id = $1`, [ratingProject]);
    const second = ok(await api.gql(SUMMARY, { id: ratingProject }, lead.token)).agreementSummary;
    expect(second.cache.source).toBe('computed');
    expect(second.criteria[0].alphaInterval).toEqual(first.criteria[0].alphaInterval);
  });

  it('treats a/b/tie/both_bad as categories for pairwise labels (α = 13/48 here)', async () => {
    const data = ok(await api.gql(SUMMARY, { id: pairwiseProject }, lead.token)).agreementSummary;
    const overall = data.criteria.find((criterion: { criterion: string }) => criterion.criterion === 'overall');
    // 36 values; items 7–12 split 2:1, each adding (3² − (2² + 1²))/(3 − 1) = 2 → D_o = 12/36.
    // Marginals 24 and 12: D_e = (36² − 24² − 12²)/(36·35) = 576/1260; α = 1 − (1/3)/(576/1260) = 13/48.
    expect(overall.alphaNominal.alpha).toBeCloseTo(13 / 48, 10);
    expect(overall.fleissKappa).not.toBeNull();
    expect(overall.alphaOrdinal.alpha).not.toBeNull();
  });

  it('filters by language and date range, and refuses a criterion the project does not label', async () => {
    const none = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { language: 'zh' } }, lead.token),
    ).agreementSummary;
    expect(none.labels).toBe(0);
    const future = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { from: '2999-01-01T00:00:00Z' } }, lead.token),
    ).agreementSummary;
    expect(future.labels).toBe(0);
    const all = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { to: '2999-01-01T00:00:00Z' } }, lead.token),
    ).agreementSummary;
    expect(all.labels).toBe(41);
    const missing = await api.gql(SUMMARY, { id: '00000000-0000-4000-8000-000000000000' }, lead.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const bad = await api.gql(SUMMARY, { id: ratingProject, filter: { criterion: 'kindness' } }, lead.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('kindness');
  });

  it('is cached until a new label arrives, then recomputed', async () => {
    const first = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { criterion: 'accuracy' } }, lead.token),
    ).agreementSummary;
    const again = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { criterion: 'accuracy' } }, lead.token),
    ).agreementSummary;
    expect(again.cache).toMatchObject({ stamp: first.cache.stamp, source: 'memory', fresh: true });
    // A fifth coder rates unit 12 as 3, like B: unit 12 becomes pairable and alpha changes.
    await importLines('kripp-2011', [
      itemLine('k12', [
        { annotator: 'B', kind: 'rating', response: 'r1', criterion: 'accuracy', score: 3 },
        { annotator: 'E', kind: 'rating', response: 'r1', criterion: 'accuracy', score: 3 },
      ]),
    ]);
    const after = ok(
      await api.gql(SUMMARY, { id: ratingProject, filter: { criterion: 'accuracy' } }, lead.token),
    ).agreementSummary;
    expect(after.cache.stamp).not.toBe(first.cache.stamp);
    expect(after.cache).toMatchObject({ source: 'computed', fresh: true });
    expect(after.labels).toBe(42);
    expect(after.criteria[0].alphaNominal.units).toBe(12);
    expect(after.criteria[0].alphaInterval.alpha).not.toBeCloseTo(0.849, 3);
  });
});

describe('annotatorQuality', () => {
  it('measures leave-one-out agreement, position bias and gold accuracy, and flags below the thresholds', async () => {
    const data = ok(
      await api.gql(
        QUALITY,
        { id: pairwiseProject, t: { minLooAgreement: 0.8, positionBiasPValue: 0.01, minN: 5 } },
        lead.token,
      ),
    ).annotatorQuality;
    expect(data.criterion).toBe('overall');
    const byCoder = Object.fromEntries(data.annotators.map((row: { coder: string }) => [row.coder, row]));
    expect(Object.keys(byCoder)).toEqual(['ext:p1', 'ext:p2', 'ext:p3']);
    // p1: on items 1–6 the others (p2, p3) agree with p1; on 7–12 they split, so no majority → skipped.
    expect(byCoder['ext:p1'].looAgreement).toEqual({ n: 6, agreements: 6, rate: 1, skipped: 6 });
    // p3: the others agree everywhere; p3 matches them on 1–6 only.
    expect(byCoder['ext:p3'].looAgreement).toEqual({ n: 12, agreements: 6, rate: 0.5, skipped: 0 });
    // p3 picked the first-shown answer 12 times out of 12: two-sided p = 2·0.5¹² = 1/2048.
    expect(byCoder['ext:p3'].positionBias).toMatchObject({ n: 12, firstChosen: 12, share: 1 });
    expect(byCoder['ext:p3'].positionBias.pValue).toBeCloseTo(1 / 2048, 10);
    expect(byCoder['ext:p1'].positionBias).toMatchObject({ n: 12, firstChosen: 6, share: 0.5, pValue: 1 });
    expect(byCoder['ext:p3'].gold).toEqual({ n: 1, correct: 0, accuracy: 0 });
    expect(byCoder['ext:p1'].gold).toEqual({ n: 1, correct: 1, accuracy: 1 });
    expect(byCoder['ext:p1'].tieRate).toEqual({ n: 12, ties: 0, rate: 0 });
    expect(byCoder['ext:p1'].labels).toBe(12);
    // Imported labels carry no time.
    expect(byCoder['ext:p1']).toMatchObject({ timedTasks: 0, medianSeconds: null });
    expect(byCoder['ext:p3'].weekly).toHaveLength(1);
    expect(byCoder['ext:p3'].weekly[0]).toMatchObject({ n: 12, agreements: 6, rate: 0.5 });
    expect(byCoder['ext:p3'].weekly[0].week).toMatch(/^\d{4}-W\d{2}$/);
    expect(byCoder['ext:p3'].flagged).toBe(true);
    // The lead's two thresholds, plus the default straight-lining check (12 of 12 on the first-shown side > 90 %).
    expect(byCoder['ext:p3'].flagReasons).toEqual([
      'chose the response shown first 1.000 of the time (p = 0.00049 < 0.01, n = 12)',
      "agreement with the other annotators' majority 0.500 < 0.8 (n = 12)",
      'gave the same answer (first) on 1.000 of tasks > 0.9 (n = 12)',
    ]);
    expect(byCoder['ext:p1'].flagged).toBe(false);
    expect(byCoder['ext:p2'].flagged).toBe(false);
  });

  it('states every check with its threshold and n, and "not enough labels" below the minimum instead of a silent zero', async () => {
    const data = ok(await api.gql(QUALITY, { id: pairwiseProject, t: { minN: 5 } }, lead.token)).annotatorQuality;
    const p1 = data.annotators.find((row: { coder: string }) => row.coder === 'ext:p1');
    const byKind = Object.fromEntries(p1.checks.map((check: { kind: string }) => [check.kind, check]));
    expect(byKind.gold).toEqual({
      kind: 'gold',
      status: 'not_enough',
      value: 1,
      threshold: 0.7,
      n: 1,
      minN: 5,
      pValue: null,
      reason: 'gold: not enough labels (n = 1 of 5)',
    });
    expect(byKind.position_bias).toMatchObject({ status: 'ok', n: 12, minN: 0, threshold: 0.01, pValue: 1 });
    expect(byKind.straight_lining).toMatchObject({ status: 'ok', value: 0.5, threshold: 0.9, n: 12 });
    // Imported labels carry no time, so there is no speed figure to judge.
    expect(byKind.speed).toBeUndefined();
  });

  it('keeps the speed threshold as a project setting, 8 s by default for pairwise', async () => {
    const PROJECT = `query ($id: String!) { project(id: $id) { minMedianSeconds } }`;
    expect(ok(await api.gql(PROJECT, { id: pairwiseProject }, lead.token)).project.minMedianSeconds).toBe(8);
    const updated = await api.gql(
      `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { minMedianSeconds } }`,
      { input: { id: pairwiseProject, minMedianSeconds: 5 } },
      lead.token,
    );
    expect(ok(updated).updateProject.minMedianSeconds).toBe(5);
    const refused = await api.gql(
      `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { minMedianSeconds } }`,
      { input: { id: pairwiseProject, minMedianSeconds: -1 } },
      lead.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('applies new thresholds to the cached figures', async () => {
    const strict = ok(
      await api.gql(
        QUALITY,
        { id: pairwiseProject, t: { minLooAgreement: 0.4, minN: 5, positionBiasPValue: 0, maxSameChoiceShare: 1 } },
        lead.token,
      ),
    ).annotatorQuality;
    expect(strict.cache.source).not.toBe('computed');
    expect(strict.annotators.filter((row: { flagged: boolean }) => row.flagged)).toEqual([]);
  });
});

describe('confusionMatrix', () => {
  it('tables two annotators on the rating scale', async () => {
    const data = ok(
      await api.gql(CONFUSION, { id: ratingProject, c: 'accuracy', a: 'ext:C', b: 'ext:D' }, lead.token),
    ).confusionMatrix;
    expect(data.categories).toEqual(['1', '2', '3', '4', '5']);
    // C vs D share units 2–11: C = 3 3 3 2 3 4 2 2 5 1, D = 2 3 3 2 4 4 1 2 5 1.
    expect(data.counts).toEqual([
      [1, 0, 0, 0, 0],
      [1, 2, 0, 0, 0],
      [0, 1, 2, 1, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
    expect(data.n).toBe(10);
  });

  it('refuses the same annotator twice', async () => {
    const result = await api.gql(CONFUSION, { id: ratingProject, a: 'ext:C', b: 'ext:c' }, lead.token);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('permissions', () => {
  it('refuses annotators and anonymous callers', async () => {
    const annotator = await api.createUser('ann-agree', 'annotator');
    for (const [query, variables] of [
      [SUMMARY, { id: ratingProject }],
      [QUALITY, { id: ratingProject }],
      [CONFUSION, { id: ratingProject, a: 'ext:C', b: 'ext:D' }],
    ] as const) {
      expect((await api.gql(query, variables, annotator.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(query, variables)).errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    const admin = await api.createUser('admin-agree', 'admin');
    expect(ok(await api.gql(SUMMARY, { id: ratingProject }, admin.token)).agreementSummary.kind).toBe('rating');
  });
});

describe('clinrank agreement --project', () => {
  it('prints the file-mode report from the database', async () => {
    const { code, json } = await cli(['agreement', '--project', 'left-bias', '--criterion', 'overall']);
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual([
      'alpha',
      'coders',
      'cohenKappa',
      'fleissKappa',
      'percentAgreement',
      'units',
    ]);
    expect(json.alpha).toBeCloseTo(13 / 48, 10);
    expect(json).toMatchObject({ units: 12, coders: 3 });
    expect(Object.keys(json.cohenKappa)).toEqual(['ext:p1|ext:p2', 'ext:p1|ext:p3', 'ext:p2|ext:p3']);
    expect(json.cohenKappa['ext:p1|ext:p2']).toEqual({ n: 12, kappa: 1 });
  });

  it('reproduces the interval alpha of the published example', async () => {
    const project = await api.services.projects.create(
      { slug: 'kripp-cli', name: 'Krippendorff CLI', kind: 'rating', criteria: ['accuracy'] },
      SYSTEM_ACTOR,
    );
    await importLines(
      project.slug,
      Array.from({ length: 12 }, (_, u) =>
        itemLine(
          `k${u + 1}`,
          Object.entries(KRIPPENDORFF_2011).flatMap(([coder, row]) =>
            row.split(' ')[u] === '.'
              ? []
              : [
                  {
                    annotator: coder,
                    kind: 'rating',
                    response: 'r1',
                    criterion: 'accuracy',
                    score: Number(row.split(' ')[u]),
                  },
                ],
          ),
        ),
      ),
    );
    const { code, json } = await cli(['agreement', '--project', 'kripp-cli', '--level', 'interval']);
    expect(code).toBe(0);
    expect(json.alpha).toBeCloseTo(0.849, 3);
    expect(json.units).toBe(12);
    expect(json.fleissKappa).toBeNull();
    expect(json.percentAgreement).toBeCloseTo(9 / 11, 10);
  });

  it('prints Kendall W and the ranking alphas with --rankings', async () => {
    await api.services.projects.create({ slug: 'rank-three', name: 'Rankings', kind: 'ranking' }, SYSTEM_ACTOR);
    const three = [
      { id: 'r1', text: 'one' },
      { id: 'r2', text: 'two' },
      { id: 'r3', text: 'three' },
    ];
    const ranked = (item: string, rankings: Record<string, string[]>) =>
      itemLine(
        item,
        Object.entries(rankings).map(([annotator, ranking]) => ({ annotator, kind: 'ranking', ranking })),
        { responses: three },
      );
    await importLines('rank-three', [
      ranked('t1', { X: ['r1', 'r2', 'r3'], Y: ['r1', 'r2', 'r3'], Z: ['r1', 'r3', 'r2'] }),
      ranked('t2', { X: ['r1', 'r2', 'r3'], Y: ['r1', 'r2', 'r3'], Z: ['r1', 'r2', 'r3'] }),
    ]);
    const { code, json } = await cli(['agreement', '--project', 'rank-three', '--rankings']);
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual(['alphaInterval', 'alphaOrdinal', 'items', 'kendallW']);
    // t1: rank sums 3, 7, 8 around 6 → S = 9 + 1 + 4 = 14, W = 12·14/(3²·(3³ − 3)) = 7/9; t2: W = 1; mean 8/9.
    expect(json.kendallW).toBeCloseTo(8 / 9, 10);
    expect(json.items).toBe(2);
    const summary = ok(
      await api.gql(SUMMARY, { id: (await api.services.projects.get('rank-three')).id }, lead.token),
    ).agreementSummary;
    expect(summary.criteria[0]).toMatchObject({ criterion: 'overall', headlineLevel: 'ordinal' });
    expect(summary.criteria[0].kendallW).toBeCloseTo(8 / 9, 10);
    expect(summary.criteria[0].alphaInterval.alpha).toBeCloseTo(json.alphaInterval, 10);
    expect(summary.criteria[0].alphaOrdinal.alpha).toBeCloseTo(json.alphaOrdinal, 10);
  });

  it('refuses --rankings on a project that is not a ranking project', async () => {
    const { code } = await cli(['agreement', '--project', 'kripp-cli', '--rankings']);
    expect(code).not.toBe(0);
  });
});
