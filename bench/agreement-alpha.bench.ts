/**
 * Krippendorff's alpha over 1,000,000 labels: 200,000 units × 5 distinct coders per unit drawn from 50, values 1–5
 * (the brief's "100,000 units × 5 coders" is only 500,000 labels, so the unit count is doubled to reach a million).
 * Labels are streamed into a ReliabilityData (no label array is held), then nominal and interval alpha are computed.
 * Run with a TypeScript loader and --expose-gc, node --expose-gc --import ./scripts/ts-loader.mjs bench/agreement-alpha.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { krippendorffAlpha, ReliabilityData } from '@clinrank/agreement';
import { createRng, median } from '@clinrank/statistics';

const UNITS = 200_000;
const CODERS_PER_UNIT = 5;
const CODER_POOL = 50;
const VALUES = 5;
const RUNS = 5;

const unitNames = Array.from({ length: UNITS }, (_, u) => `unit-${u}`);
const coderNames = Array.from({ length: CODER_POOL }, (_, c) => `coder-${c}`);

/** Fills a store with the benchmark's labels; values agree with a per-unit centre 70% of the time. */
function fill(data: ReliabilityData, seed: number): ReliabilityData {
  const rng = createRng(seed);
  const chosen = new Int32Array(CODERS_PER_UNIT);
  for (let u = 0; u < UNITS; u++) {
    const centre = 1 + Math.floor(rng() * VALUES);
    for (let k = 0; k < CODERS_PER_UNIT; k++) {
      let coder: number;
      do coder = Math.floor(rng() * CODER_POOL);
      while (chosen.subarray(0, k).includes(coder));
      chosen[k] = coder;
      const value = rng() < 0.7 ? centre : 1 + Math.floor(rng() * VALUES);
      data.add(unitNames[u], coderNames[coder], value);
    }
  }
  return data;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function time<T>(work: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

const timings = {
  fill: [] as number[],
  nominal: [] as number[],
  interval: [] as number[],
  nominalWarm: [] as number[],
};
let alphas = { nominal: 0 as number | null, interval: 0 as number | null };
collectGarbage();
const baseline = process.memoryUsage();
let retained = 0;
for (let run = 0; run < RUNS; run++) {
  collectGarbage();
  const filled = time(() => fill(new ReliabilityData(), 2026));
  // First alpha on a store includes grouping the labels by unit; the second reuses that grouping.
  const nominal = time(() => krippendorffAlpha(filled.result, { level: 'nominal' }));
  const interval = time(() => krippendorffAlpha(filled.result, { level: 'interval' }));
  const nominalWarm = time(() => krippendorffAlpha(filled.result, { level: 'nominal' }));
  timings.fill.push(filled.ms);
  timings.nominal.push(nominal.ms);
  timings.interval.push(interval.ms);
  timings.nominalWarm.push(nominalWarm.ms);
  alphas = { nominal: nominal.result.alpha, interval: interval.result.alpha };
  collectGarbage();
  const usage = process.memoryUsage();
  retained = usage.heapUsed + usage.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers;
  if (filled.result.labelCount !== UNITS * CODERS_PER_UNIT) throw new Error('wrong label count');
}

const report = {
  labels: UNITS * CODERS_PER_UNIT,
  units: UNITS,
  coders: CODER_POOL,
  runs: RUNS,
  alpha: alphas,
  medianMs: {
    streamLabelsIntoStore: median(timings.fill),
    nominalAlphaIncludingGrouping: median(timings.nominal),
    intervalAlpha: median(timings.interval),
    nominalAlphaGroupingCached: median(timings.nominalWarm),
    streamPlusNominal: median(timings.fill.map((ms, i) => ms + timings.nominal[i])),
  },
  memory: {
    storeRetainedAfterGc: megabytes(retained),
    peakRss: megabytes(process.resourceUsage().maxRSS * 1024),
  },
  node: process.version,
};
console.log(JSON.stringify(report, null, 2));
