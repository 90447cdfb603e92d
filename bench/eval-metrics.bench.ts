/**
 * Evaluation at scale, on the library that the API, the CLI and the UI share (@clinrank/eval-metrics):
 *  1. BLEU-1..4, GLEU and ROUGE-1/2/L of real LiveQA-Med answers against their reference answers, the corpus repeated
 *     to `--items` predictions; the floor is tokenizing the same texts (the metrics cannot be faster than reading them).
 *  2. A Bradley–Terry leaderboard with 1000 item-bootstrap resamples over a synthetic campaign of `--campaign-items`
 *     items × every pair of 6 models × 3 clinicians, plus the win/tie/lose table with Wilson intervals.
 * Run: node --import ./scripts/ts-loader.mjs bench/eval-metrics.bench.ts [--items 100000] [--campaign-items 2000] [--runs 3]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  leaderboard,
  scorePredictions,
  tokenize,
  winTieLose,
  type ModelJudgement,
  type PredictionItem,
} from '@clinrank/eval-metrics';
import { createRng, median as medianOrNull } from '@clinrank/statistics';
import { LIVEQA_DIR, liveQaPresent, readLiveQaJudgments, readLiveQaQuestions } from '../test-support/liveqa-med.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    'campaign-items': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
  },
});
const ITEMS = Number(values.items);
const CAMPAIGN_ITEMS = Number(values['campaign-items']);
const RUNS = Number(values.runs);
const median = (values: number[]) => medianOrNull(values) ?? Number.NaN;

function liveQaPredictions(): PredictionItem[] {
  if (!liveQaPresent()) throw new Error(`${LIVEQA_DIR} is missing: this benchmark scores the real LiveQA-Med answers`);
  const references = new Map(
    readLiveQaQuestions()
      .filter((question) => question.reference_answers?.length)
      .map((question) => [question.qid, question.reference_answers]),
  );
  const answers = readLiveQaJudgments();
  const scorable = answers.filter((answer) => references.has(answer.qid));
  return Array.from({ length: ITEMS }, (_, index) => {
    const answer = scorable[index % scorable.length];
    return { id: String(index), language: 'en', prediction: answer.answer, references: references.get(answer.qid)! };
  });
}

function time<T>(work: () => T): { seconds: number; result: T } {
  const started = performance.now();
  const result = work();
  return { seconds: (performance.now() - started) / 1000, result };
}

/** Six models of known strength; three clinicians judge every pair on every item. */
function syntheticCampaign(): ModelJudgement[] {
  const rng = createRng(7);
  const strengths = [1.2, 0.8, 0.4, 0, -0.4, -0.8];
  const models = strengths.map((_, index) => `model-${index}`);
  const judgements: ModelJudgement[] = [];
  for (let item = 0; item < CAMPAIGN_ITEMS; item++) {
    for (let a = 0; a < models.length; a++) {
      for (let b = a + 1; b < models.length; b++) {
        for (const annotator of ['c1', 'c2', 'c3']) {
          const pA = 1 / (1 + Math.exp(strengths[b] - strengths[a]));
          const draw = rng();
          const choice = draw < 0.1 ? 'tie' : draw < 0.1 + 0.9 * pA ? 'a' : 'b';
          judgements.push({
            item: `i${item}`,
            modelA: models[a],
            modelB: models[b],
            choice,
            annotator,
            language: item % 3 === 0 ? 'zh' : 'en',
          });
        }
      }
    }
  }
  return judgements;
}

const predictions = liveQaPredictions();
const characters = predictions.reduce(
  (sum, item) =>
    sum + item.prediction.length + item.references.reduce((inner, reference) => inner + reference.length, 0),
  0,
);
const tokenizeSeconds: number[] = [];
const metricSeconds: number[] = [];
let scores: ReturnType<typeof scorePredictions> | null = null;
for (let run = 0; run < RUNS; run++) {
  tokenizeSeconds.push(
    time(() =>
      predictions.forEach((item) => {
        tokenize(item.prediction);
        item.references.forEach((reference) => tokenize(reference));
      }),
    ).seconds,
  );
  const scored = time(() => scorePredictions(predictions));
  metricSeconds.push(scored.seconds);
  scores = scored.result;
}

const campaign = syntheticCampaign();
const boardSeconds: number[] = [];
const tableSeconds: number[] = [];
let board: ReturnType<typeof leaderboard> | null = null;
for (let run = 0; run < RUNS; run++) {
  const fitted = time(() => leaderboard(campaign, { seed: run + 1, resamples: 1000 }));
  boardSeconds.push(fitted.seconds);
  board = fitted.result;
  tableSeconds.push(time(() => winTieLose(campaign, { baseline: 'model-5', groupBy: 'language' })).seconds);
}

const report = {
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  metrics: {
    predictions: ITEMS,
    characters,
    medianSeconds: median(metricSeconds),
    predictionsPerSecond: Math.round(ITEMS / median(metricSeconds)),
    tokenizeFloorSeconds: median(tokenizeSeconds),
    ratioToTokenizeFloor: Number((median(metricSeconds) / median(tokenizeSeconds)).toFixed(2)),
    // Each run times the floor and then the metrics, so a run's own ratio is the least disturbed by other load.
    ratioPerRun: metricSeconds.map((seconds, run) => Number((seconds / tokenizeSeconds[run]).toFixed(2))),
    secondsPerRun: metricSeconds.map((seconds) => Number(seconds.toFixed(2))),
    tokenizeSecondsPerRun: tokenizeSeconds.map((seconds) => Number(seconds.toFixed(2))),
    bleu4: scores!.bleu4,
    rougeL: scores!.rougeL,
  },
  leaderboard: {
    judgements: campaign.length,
    items: CAMPAIGN_ITEMS,
    resamples: 1000,
    medianSeconds: median(boardSeconds),
    ranking: board!.rows.map((row) => row.model).join(' > '),
    winTieLoseByLanguageMedianSeconds: median(tableSeconds),
  },
};
console.log(JSON.stringify(report, null, 2));
