import { describe, expect, it } from '@jest/globals';
import { checkAnnotators, flagAnnotators, annotatorSummaries } from './flag-annotators.js';
import { isoWeek } from './iso-week.js';
import { agreementByWeek } from './annotator-drift.js';
import {
  goldAccuracy,
  medianTimePerTask,
  positionBias,
  positionObservations,
  sameChoiceShare,
  tieRate,
} from './annotator-quality.js';
import type { Label } from './labels.js';
import { leaveOneOutAgreement } from './leave-one-out.js';

/** u1: a=1 b=1 c=2; u2: a=1 b=1 c=1 d=2; u3: a=3 alone; u4: a=1 b=2. */
const LOO_LABELS: Label[] = [
  { unit: 'u1', coder: 'a', value: 1 },
  { unit: 'u1', coder: 'b', value: 1 },
  { unit: 'u1', coder: 'c', value: 2 },
  { unit: 'u2', coder: 'a', value: 1 },
  { unit: 'u2', coder: 'b', value: 1 },
  { unit: 'u2', coder: 'c', value: 1 },
  { unit: 'u2', coder: 'd', value: 2 },
  { unit: 'u3', coder: 'a', value: 3 },
  { unit: 'u4', coder: 'a', value: 1 },
  { unit: 'u4', coder: 'b', value: 2 },
];

describe('leaveOneOutAgreement', () => {
  it('compares each label with the strict majority of the others and skips units without one', () => {
    // a: u1 others (1,2) no strict majority → skip; u2 others (1,1,2) → 1, agrees; u3 no others → skip; u4 other 2 → disagrees.
    // b: u1 skip; u2 agrees; u4 disagrees. c: u1 others (1,1) → disagrees; u2 agrees. d: u2 others (1,1,1) → disagrees.
    expect(leaveOneOutAgreement(LOO_LABELS)).toEqual({
      a: { n: 2, agreements: 1, rate: 0.5, skipped: 2 },
      b: { n: 2, agreements: 1, rate: 0.5, skipped: 1 },
      c: { n: 2, agreements: 1, rate: 0.5, skipped: 0 },
      d: { n: 1, agreements: 0, rate: 0, skipped: 0 },
    });
  });

  it('honours minOthers', () => {
    // With at least 2 others, u4 (one other) is skipped too: a keeps only u2.
    expect(leaveOneOutAgreement(LOO_LABELS, { minOthers: 2 }).a).toEqual({ n: 1, agreements: 1, rate: 1, skipped: 3 });
    expect(() => leaveOneOutAgreement(LOO_LABELS, { minOthers: 0 })).toThrow(/minOthers/);
  });
});

describe('goldAccuracy', () => {
  it('scores answers on gold units only, comparing values by their string form', () => {
    const result = goldAccuracy(LOO_LABELS, { u1: 1, u4: '2' });
    // a: u1 right, u4 wrong → 1/2; b: u1 right, u4 right → 2/2; c: u1 wrong → 0/1; d saw no gold unit.
    expect(result.a).toMatchObject({ n: 2, correct: 1, accuracy: 0.5 });
    expect(result.b).toMatchObject({ n: 2, correct: 2, accuracy: 1 });
    expect(result.c).toMatchObject({ n: 1, correct: 0, accuracy: 0 });
    expect(result.d).toBeUndefined();
    expect(result.b.interval.high).toBe(1);
    expect(result.b.interval.low).toBeLessThan(1);
  });
});

describe('positionBias', () => {
  it('tests the share of first-shown choices against 0.5 exactly, excluding ties', () => {
    // 9 of 10 choices for the first-shown response: p = 2·(C(10,9) + C(10,10))/2¹⁰ = 22/1024.
    const observations = [
      ...Array.from({ length: 9 }, () => ({ coder: 'x', shownFirst: 'r1', chosen: 'r1' })),
      { coder: 'x', shownFirst: 'r1', chosen: 'r2' },
      { coder: 'x', shownFirst: 'r1', chosen: null },
    ];
    const result = positionBias(observations).x;
    expect(result).toMatchObject({ n: 10, firstChosen: 9, share: 0.9 });
    expect(result.pValue).toBeCloseTo(22 / 1024, 12);
    expect(positionBias([{ coder: 'y', shownFirst: 'r1', chosen: null }]).y).toEqual({
      n: 0,
      firstChosen: 0,
      share: null,
      pValue: null,
    });
  });

  it('reads pairwise judgements on the overall criterion, a being the pane shown first', () => {
    const observations = positionObservations([
      { item: 'q', criterion: 'overall', coder: 'x', a: 'r2', b: 'r1', choice: 'a' },
      { item: 'q', criterion: 'accuracy', coder: 'x', a: 'r2', b: 'r1', choice: 'b' },
      { item: 'q', criterion: 'overall', coder: 'y', a: 'r1', b: 'r2', choice: 'both_bad' },
    ]);
    expect(observations).toEqual([
      { coder: 'x', shownFirst: 'r2', chosen: 'r2' },
      { coder: 'y', shownFirst: 'r1', chosen: null },
    ]);
  });
});

describe('tieRate and medianTimePerTask', () => {
  it('counts ties over all judgements and takes the median time', () => {
    const rates = tieRate([
      { coder: 'x', choice: 'tie' },
      { coder: 'x', choice: 'a' },
      { coder: 'x', choice: 'both_bad' },
      { coder: 'x', choice: 'tie' },
    ]);
    expect(rates.x).toEqual({ n: 4, ties: 2, rate: 0.5 });
    expect(() => tieRate([{ coder: 'x', choice: 'left' as never }])).toThrow(/choice/);
    const times = medianTimePerTask([
      { coder: 'x', seconds: 30 },
      { coder: 'x', seconds: 10 },
      { coder: 'x', seconds: 200 },
      { coder: 'x', seconds: 20 },
    ]);
    expect(times.x).toEqual({ n: 4, medianSeconds: 25 });
    expect(() => medianTimePerTask([{ coder: 'x', seconds: -1 }])).toThrow(/seconds/);
  });
});

describe('isoWeek and agreementByWeek', () => {
  it('names ISO weeks, including those that straddle a new year', () => {
    expect(isoWeek('2021-01-03T12:00:00Z')).toBe('2020-W53');
    expect(isoWeek('2024-12-30T00:00:00Z')).toBe('2025-W01');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(Date.UTC(2026, 10, 23))).toBe('2026-W48');
    expect(() => isoWeek('yesterday')).toThrow(/at/);
  });

  it('attributes leave-one-out agreement to the week each label was given', () => {
    const week1 = '2026-11-23T09:00:00Z';
    const week2 = '2026-11-30T09:00:00Z';
    const timed = LOO_LABELS.map((label) => ({ ...label, at: label.unit === 'u4' ? week2 : week1 }));
    // a: u2 agrees (W48), u4 disagrees (W49); d: u2 disagrees (W48).
    const result = agreementByWeek(timed);
    expect(result.a).toEqual([
      { week: '2026-W48', n: 1, agreements: 1, rate: 1 },
      { week: '2026-W49', n: 1, agreements: 0, rate: 0 },
    ]);
    expect(result.d).toEqual([{ week: '2026-W48', n: 1, agreements: 0, rate: 0 }]);
  });
});

describe('flagAnnotators', () => {
  it('flags annotators below the thresholds with the reasons, and says when a rate rests on too few labels', () => {
    const summaries = annotatorSummaries({
      looAgreement: {
        good: { n: 50, agreements: 45, rate: 0.9, skipped: 0 },
        weak: { n: 50, agreements: 20, rate: 0.4, skipped: 2 },
        new: { n: 3, agreements: 0, rate: 0, skipped: 0 },
      },
      positionBias: { weak: { n: 40, firstChosen: 34, share: 0.85, pValue: 0.00001 } },
      tieRate: { good: { n: 50, ties: 5, rate: 0.1 } },
    });
    expect(summaries.map((summary) => summary.coder)).toEqual(['good', 'new', 'weak']);
    const flags = flagAnnotators(summaries, { minLooAgreement: 0.6, positionBiasPValue: 0.01, maxTieRate: 0.3 });
    expect(flags.map(({ coder, reasons }) => ({ coder, reasons }))).toEqual([
      {
        coder: 'weak',
        reasons: [
          'chose the response shown first 0.850 of the time (p = 0.000010 < 0.01, n = 40)',
          "agreement with the other annotators' majority 0.400 < 0.6 (n = 50)",
        ],
      },
    ]);
    const [, newcomer] = checkAnnotators(summaries, { minLooAgreement: 0.6 });
    expect(newcomer.checks).toEqual([
      {
        kind: 'agreement',
        status: 'not_enough',
        value: 0,
        threshold: 0.6,
        n: 3,
        minN: 10,
        pValue: null,
        reason: 'agreement: not enough labels (n = 3 of 10)',
      },
    ]);
    expect(flagAnnotators(summaries, { minLooAgreement: 0.6, minN: 3 }).map((flag) => flag.coder)).toEqual([
      'new',
      'weak',
    ]);
    expect(() => flagAnnotators(summaries, { minLooAgreement: Number.NaN })).toThrow(/minLooAgreement/);
  });

  it('flags 8 of 8 first-shown choices (p = 0.0078): the binomial test needs no minimum n, and shows its n', () => {
    const bias = positionBias(
      Array.from({ length: 8 }, (_, i) => ({ coder: 'clinician2', shownFirst: `r${i}`, chosen: `r${i}` })),
    );
    const [flag] = flagAnnotators(annotatorSummaries({ positionBias: bias }), { positionBiasPValue: 0.01 });
    expect(flag.reasons).toEqual(['chose the response shown first 1.000 of the time (p = 0.0078 < 0.01, n = 8)']);
    expect(flag.checks[0]).toMatchObject({ kind: 'position_bias', status: 'flagged', n: 8, minN: 0 });
  });

  it('flags a median time below the threshold and straight-lining above 90 %, each with n', () => {
    const time = medianTimePerTask(Array.from({ length: 12 }, () => ({ coder: 'fast', seconds: 1 })));
    const same = sameChoiceShare([
      ...Array.from({ length: 19 }, () => ({ coder: 'fast', choice: 'first' })),
      { coder: 'fast', choice: 'second' },
    ]);
    expect(same.fast).toEqual({ n: 20, choice: 'first', count: 19, share: 0.95 });
    const [flag] = flagAnnotators(annotatorSummaries({ time, sameChoice: same }), {
      minMedianSeconds: 8,
      maxSameChoiceShare: 0.9,
    });
    expect(flag.reasons).toEqual([
      'median 1 s per task < 8 s (n = 12)',
      'gave the same answer (first) on 0.950 of tasks > 0.9 (n = 20)',
    ]);
    const steady = sameChoiceShare(
      Array.from({ length: 20 }, (_, i) => ({ coder: 'steady', choice: i % 2 ? 'first' : 'second' })),
    );
    expect(
      checkAnnotators(annotatorSummaries({ sameChoice: steady }), { maxSameChoiceShare: 0.9 })[0].checks[0],
    ).toMatchObject({ status: 'ok', value: 0.5 });
  });
});
