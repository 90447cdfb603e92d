import { describe, expect, it } from '@jest/globals';
import { wilsonInterval } from '@clinrank/statistics';
import type { ModelJudgement } from './judgements.js';
import { winTieLose } from './win-tie-lose.js';
import { winTieLoseCsv, winTieLoseJson, winTieLoseMarkdown } from './win-tie-lose-format.js';

const judgement = (
  item: string,
  modelA: string,
  modelB: string,
  choice: ModelJudgement['choice'],
  language: string,
): ModelJudgement => ({
  item,
  modelA,
  modelB,
  choice,
  annotator: 'dr-1',
  language,
});

// From "ours"'s side: 1 win, 2 lose, 3 win (ours was B), 4 tie, 5 both bad, 6 win, 7 win (ours was B).
const SAMPLE: ModelJudgement[] = [
  judgement('i1', 'ours', 'base', 'a', 'en'),
  judgement('i2', 'base', 'ours', 'a', 'en'),
  judgement('i3', 'base', 'ours', 'b', 'en'),
  judgement('i4', 'ours', 'base', 'tie', 'en'),
  judgement('i5', 'ours', 'base', 'both_bad', 'zh'),
  judgement('i6', 'ours', 'base', 'a', 'zh'),
  judgement('i7', 'base', 'ours', 'b', 'zh'),
];

describe('winTieLose', () => {
  it('counts from the model’s side whichever pane it was in, both-bad as a tie by default', () => {
    const [row] = winTieLose(SAMPLE, { baseline: 'base' });
    // wins 4 (i1 i3 i6 i7), losses 1 (i2), ties 1 + 1 both-bad = 2, n = 7
    expect(row).toMatchObject({
      model: 'ours',
      baseline: 'base',
      criterion: 'overall',
      n: 7,
      wins: 4,
      ties: 2,
      losses: 1,
      bothBad: 1,
    });
    expect(row.winRate).toBeCloseTo(4 / 7, 12);
    expect(row.tieRate).toBeCloseTo(2 / 7, 12);
    expect(row.loseRate).toBeCloseTo(1 / 7, 12);
    expect(row.winInterval).toEqual(wilsonInterval(4, 7));
    // Sign test on 4 wins vs 1 loss: outcomes of Bin(5, ½) no likelier than P(4) = 5/32 are 0, 1, 4, 5 → (1+5+5+1)/32 = 0.375
    expect(row.signTestP).toBeCloseTo(0.375, 12);
  });

  it('can leave both-bad out of the counts', () => {
    const [row] = winTieLose(SAMPLE, { baseline: 'base', bothBad: 'exclude' });
    expect(row).toMatchObject({ n: 6, wins: 4, ties: 1, losses: 1, bothBad: 1 });
    expect(row.winRate).toBeCloseTo(4 / 6, 12);
  });

  it('breaks down by a grouping key after the overall row', () => {
    const rows = winTieLose(SAMPLE, { baseline: 'base', groupBy: 'language' });
    expect(rows.map((r) => [r.group, r.wins, r.ties, r.losses])).toEqual([
      [null, 4, 2, 1],
      ['en', 2, 1, 1], // i1, i3 win; i4 tie; i2 lose
      ['zh', 2, 1, 0], // i6, i7 win; i5 both-bad as tie
    ]);
    expect(rows[1].groupBy).toBe('language');
  });

  it('reports every model pair per criterion, and undefined rates without judgements', () => {
    const more: ModelJudgement[] = [
      ...SAMPLE,
      { item: 'i1', modelA: 'other', modelB: 'base', choice: 'b', annotator: 'dr-2', criterion: 'safety' },
      { item: 'i1', modelA: 'ours', modelB: 'other', choice: 'tie', annotator: 'dr-2', criterion: 'safety' },
    ];
    const rows = winTieLose(more);
    expect(rows.map((r) => `${r.criterion}:${r.model}/${r.baseline}`)).toEqual([
      'overall:base/ours',
      'safety:base/other',
      'safety:other/ours',
    ]);
    expect(rows[1]).toMatchObject({ wins: 1, losses: 0, n: 1 });
    const [empty] = winTieLose(more, { baseline: 'base', model: 'other', criteria: ['overall'] });
    expect(empty).toMatchObject({ n: 0, winRate: null, winInterval: null, signTestP: null });
    const [tiesOnly] = winTieLose(more, { baseline: 'other', model: 'ours', criteria: ['safety'] });
    expect(tiesOnly).toMatchObject({ n: 1, ties: 1, signTestP: null });
  });

  it('rejects malformed judgements and options by name', () => {
    expect(() => winTieLose([{ ...SAMPLE[0], choice: 'left' as never }])).toThrow(/judgements\[0\]\.choice/);
    expect(() => winTieLose([{ ...SAMPLE[0], modelB: 'ours' }])).toThrow(/modelB/);
    expect(() => winTieLose(SAMPLE, { bothBad: 'lose' as never })).toThrow(/bothBad/);
    expect(() => winTieLose(SAMPLE, { model: 'ours' })).toThrow(/baseline/);
  });
});

describe('win/tie/lose output formats', () => {
  const rows = winTieLose(SAMPLE, { baseline: 'base' });

  it('writes a paper-style Markdown table', () => {
    // 4/7 = 57.1 %, 2/7 = 28.6 %, 1/7 = 14.3 %
    expect(winTieLoseMarkdown(rows)).toBe(
      [
        '| Model vs Baseline | Win % | Tie % | Lose % | n | Sign test p |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        '| ours vs base | 57.1 | 28.6 | 14.3 | 7 | 0.375 |',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV with a header and guards formula-like text', () => {
    const csv = winTieLoseCsv(rows).split('\n');
    expect(csv[0].split(',').slice(0, 11)).toEqual([
      'model',
      'baseline',
      'criterion',
      'group_by',
      'group',
      'n',
      'wins',
      'ties',
      'losses',
      'both_bad',
      'win_pct',
    ]);
    expect(csv[1].startsWith('ours,base,overall,,,7,4,2,1,1,57.1,')).toBe(true);
    const risky = winTieLose([{ ...SAMPLE[0], modelA: '=cmd()', modelB: 'a,b' }]);
    // Models sort as "=cmd()" < "a,b", so "=cmd()" is the model: quoted-as-text, and "a,b" is CSV-quoted.
    expect(winTieLoseCsv(risky).split('\n')[1].startsWith(`'=cmd(),"a,b",overall`)).toBe(true);
  });

  it('writes JSON that round-trips', () => {
    expect(JSON.parse(winTieLoseJson(rows))).toEqual(JSON.parse(JSON.stringify(rows)));
  });
});

describe('intervals by item', () => {
  const judged = (items: number, perItem: number, choice: (item: number) => 'a' | 'b' | 'tie') =>
    Array.from({ length: items }, (_, item) =>
      Array.from({ length: perItem }, (_, k) => ({
        item: `i${item}`,
        modelA: 'new',
        modelB: 'base',
        choice: choice(item),
        annotator: `c${k}`,
      })),
    ).flat();
  const width = (interval: { low: number; high: number } | null) =>
    interval ? interval.high - interval.low : Number.NaN;

  it('keeps Wilson and the exact sign test when every item has one judgement', () => {
    const [row] = winTieLose(
      judged(20, 1, (i) => (i < 14 ? 'a' : 'b')),
      { baseline: 'base' },
    );
    expect(row).toMatchObject({ intervalMethod: 'wilson', items: 20, n: 20, wins: 14 });
    expect(row.signTestP).toBeCloseTo(0.11532, 4);
  });

  it('resamples items when clinicians overlap: three agreeing votes per item are not three independent trials', () => {
    const once = winTieLose(
      judged(20, 1, (i) => (i < 14 ? 'a' : 'b')),
      { baseline: 'base' },
    )[0];
    const thrice = winTieLose(
      judged(20, 3, (i) => (i < 14 ? 'a' : 'b')),
      { baseline: 'base', seed: 7 },
    )[0];
    expect(thrice).toMatchObject({ intervalMethod: 'item-bootstrap', items: 20, n: 60, wins: 42, winRate: 0.7 });
    // Wilson on 60 "independent" judgements would be about 1/√3 as wide; the item bootstrap stays near the 20-item width.
    expect(width(thrice.winInterval)).toBeGreaterThan(0.8 * width(once.winInterval));
    expect(thrice.signTestP as number).toBeGreaterThan(0.01);
    // Deterministic for a seed.
    expect(
      winTieLose(
        judged(20, 3, (i) => (i < 14 ? 'a' : 'b')),
        { baseline: 'base', seed: 7 },
      )[0],
    ).toEqual(thrice);
  });
});
