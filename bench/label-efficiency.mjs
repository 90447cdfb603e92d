#!/usr/bin/env node
// Label efficiency (issue 17): the simulators behind `clinrank simulate`, over many seeds.
//
//   node bench/label-efficiency.mjs [--seeds 20] [--votes 2000] [--confidences 0.6,0.65,…,0.95]
//                                   [--fractions 0.15,0.2,…,0.6]
//
// 1. Labelling, on the TREC 2017 LiveQA-Med graded answers (../shared/data, converted by
//    bench/liveqa-labelling-input.mjs; skipped loudly when absent): fixed overlap 3 (majority) against adaptive
//    overlap 2–5 (Dawid–Skene posterior) at each confidence, annotators 0.9, 0.85, 0.8, 0.75, 0.6, 3 pairs per item,
//    seeds 1…N. Each seed is one `clinrank simulate labelling … --seed s`. Reports means with 95 % percentile bootstrap
//    intervals over seeds (paired: same seed, same pairs and answers), and the highest confidence meeting the target
//    (mean accuracy ≥ fixed 3's, mean labels ≤ 85 % of fixed 3's), on the means and on the intervals' far ends.
// 2. Campaign, on the 8 simulated models: uniform with --votes V against active with fractions of V, seeds 1…N (each
//    one `clinrank simulate campaign --votes v --strategy s --seed s`). Finds the fewest votes at which active's mean
//    top-gap interval width is at most uniform's at V (the fractions grid), with a bootstrap interval over seeds, and
//    compares Kendall τ.
//
// It calls the same library functions as the CLI (built into dist/ by scripts/build.mjs) in one process, to avoid
// a process start per run. Prints one JSON document.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { liveQaLabellingLines, liveQaPresent, LIVEQA_DIR } from './liveqa-labelling-input.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : fallback;
};
const seedCount = Number(arg('seeds', 20));
const votes = Number(arg('votes', 2000));
const confidences = arg('confidences', '0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95').split(',').map(Number);
const fractions = arg('fractions', '0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6').split(',').map(Number);
const seeds = Array.from({ length: seedCount }, (_, k) => k + 1);
const ACCURACY = [0.9, 0.85, 0.8, 0.75, 0.6];
const RESAMPLES = 2000;

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only', '--quiet'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);
const load = (lib) => import(pathToFileURL(join(root, `dist/libs/${lib}/src/index.js`)).href);
const { readRatedItems, simulateLabelling, simulateCampaign } = await load('simulation');
const { bootstrapInterval, mean, median } = await load('statistics');

const round = (value, digits = 4) => (value === null || value === undefined ? value : Number(value.toFixed(digits)));
/** Mean over seeds with its percentile bootstrap interval over seeds. */
function meanWithInterval(values, seed = 1) {
  const interval = bootstrapInterval(values, (sample) => mean(sample), { seed, resamples: RESAMPLES });
  return {
    mean: round(mean(values)),
    low: round(interval.low),
    high: round(interval.high),
    median: round(median(values)),
  };
}
/** Ratio of means of paired per-seed values, with a bootstrap interval resampling seeds. */
function ratioWithInterval(numerators, denominators, seed = 1) {
  const indices = numerators.map((_, k) => k);
  const statistic = (sample) => mean(sample.map((k) => numerators[k])) / mean(sample.map((k) => denominators[k]));
  const interval = bootstrapInterval(indices, statistic, { seed, resamples: RESAMPLES });
  return { ratio: round(statistic(indices)), low: round(interval.low), high: round(interval.high) };
}
function timed(run) {
  const started = performance.now();
  const value = run();
  return { value, seconds: round((performance.now() - started) / 1000, 1) };
}

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  node: process.version,
  loadavg: loadavg().map((value) => round(value, 2)),
};
const report = { machine, seeds: seedCount, labelling: null, campaign: null };

// 1. Labelling on LiveQA-Med.
if (!liveQaPresent()) {
  process.stderr.write(`label-efficiency: SKIPPED the labelling part: ${LIVEQA_DIR} is missing\n`);
} else {
  const items = readRatedItems(new TextEncoder().encode(liveQaLabellingLines().join('\n')));
  const { value: fixed, seconds: fixedSeconds } = timed(() =>
    seeds.map((seed) => simulateLabelling(items, { annotatorAccuracy: ACCURACY, strategy: 'fixed', overlap: 3, seed })),
  );
  const fixedLabels = fixed.map((r) => r.labels);
  const fixedAccuracy = fixed.map((r) => r.accuracy);
  const adaptive = confidences.map((confidence) => {
    const { value: runs, seconds } = timed(() =>
      seeds.map((seed) =>
        simulateLabelling(items, {
          annotatorAccuracy: ACCURACY,
          strategy: 'adaptive',
          adaptive: { min: 2, max: 5, confidence },
          seed,
        }),
      ),
    );
    const labels = runs.map((r) => r.labels);
    const accuracy = runs.map((r) => r.accuracy);
    const labelRatio = ratioWithInterval(labels, fixedLabels);
    const accuracyGain = meanWithInterval(accuracy.map((value, k) => value - fixedAccuracy[k]));
    const meetsTarget = mean(accuracy) >= mean(fixedAccuracy) && labelRatio.ratio <= 0.85;
    // The same target on the intervals' far ends: it holds for the seeds' resamples, not just for these 20 seeds.
    const meetsTargetRobustly = accuracyGain.low >= 0 && labelRatio.high <= 0.85;
    return {
      confidence,
      labels: meanWithInterval(labels),
      accuracy: meanWithInterval(accuracy),
      labelRatio,
      accuracyGain,
      meetsTarget,
      meetsTargetRobustly,
      seconds,
    };
  });
  const chosen = adaptive.filter((row) => row.meetsTargetRobustly).at(-1)?.confidence ?? null;
  report.labelling = {
    items: items.length,
    pairs: fixed[0].pairs,
    annotatorAccuracy: ACCURACY,
    fixed: {
      overlap: 3,
      labels: meanWithInterval(fixedLabels),
      accuracy: meanWithInterval(fixedAccuracy),
      seconds: fixedSeconds,
    },
    adaptive,
    highestConfidenceMeetingTarget: adaptive.filter((row) => row.meetsTarget).at(-1)?.confidence ?? null,
    highestConfidenceMeetingTargetRobustly: chosen,
  };
}

// 2. Campaign on the 8 simulated models.
{
  const run = (strategy, count) => timed(() => seeds.map((seed) => simulateCampaign({ votes: count, strategy, seed })));
  const { value: uniform, seconds: uniformSeconds } = run('uniform', votes);
  const uniformGap = uniform.map((r) => r.topGapIntervalWidth);
  const summary = (runs) => ({
    topGapIntervalWidth: meanWithInterval(runs.map((r) => r.topGapIntervalWidth)),
    kendallTau: meanWithInterval(runs.map((r) => r.kendallTau)),
    meanIntervalWidth: meanWithInterval(runs.map((r) => r.meanIntervalWidth)),
    topModelCorrect: round(mean(runs.map((r) => (r.topModelCorrect ? 1 : 0)))),
  });
  const grid = fractions.map((fraction) => {
    const count = Math.round(fraction * votes);
    const { value: runs, seconds } = run('active', count);
    return { fraction, votes: count, runs, seconds };
  });
  const { value: activeFull, seconds: activeFullSeconds } = run('active', votes);
  // The fewest grid votes whose mean top-gap width is at most uniform's mean, on the given seeds (indices into them).
  const crossing = (sample) => {
    const target = mean(sample.map((k) => uniformGap[k]));
    const hit = grid.find((level) => mean(sample.map((k) => level.runs[k].topGapIntervalWidth)) <= target);
    return hit ? hit.fraction : null;
  };
  const all = seeds.map((_, k) => k);
  const fraction = crossing(all);
  const interval = bootstrapInterval(all, crossing, { seed: 1, resamples: RESAMPLES });
  const matched = grid.find((level) => level.fraction === fraction);
  const uniformTau = mean(uniform.map((r) => r.kendallTau));
  report.campaign = {
    models: 8,
    uniform: { votes, ...summary(uniform), seconds: uniformSeconds },
    activeSameVotes: { votes, ...summary(activeFull), seconds: activeFullSeconds },
    activeGrid: grid.map(({ fraction: f, votes: count, runs, seconds }) => ({
      fraction: f,
      votes: count,
      ...summary(runs),
      seconds,
    })),
    votesFractionToMatchUniformTopGap: {
      fraction,
      low: interval.low,
      high: interval.high,
      resamplesWithCrossing: interval.resamples,
    },
    kendallTauAtMatch: matched
      ? { active: round(mean(matched.runs.map((r) => r.kendallTau))), uniform: round(uniformTau) }
      : null,
    targets: {
      votesAtMost50Percent: fraction !== null && fraction <= 0.5,
      kendallTauWithin0_1: matched ? mean(matched.runs.map((r) => r.kendallTau)) >= uniformTau - 0.1 : false,
    },
  };
}

process.stdout.write(JSON.stringify(report, null, 2) + '\n');
