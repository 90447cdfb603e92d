import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { agreementFromJsonLines, agreementFromJsonLinesAsync } from './agreement-report.js';
import { rankingAgreementFromJsonLines } from './ranking-report.js';

/** Krippendorff (2011) example as JSON lines, one per non-missing cell. */
const PUBLISHED = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};
const PUBLISHED_LINES = Object.entries(PUBLISHED).flatMap(([coder, row]) =>
  row.map((value, i) => JSON.stringify({ unit: i + 1, coder, value })),
);

describe('agreementFromJsonLines', () => {
  it('produces the report for the published example', () => {
    const report = agreementFromJsonLines(PUBLISHED_LINES.join('\n') + '\n', { level: 'interval' });
    expect(report.alpha).toBeCloseTo(0.849, 3);
    expect(report.units).toBe(12);
    expect(report.coders).toBe(4);
    // Units have 3 or 4 (or 1) values, so Fleiss' kappa is undefined rather than wrong.
    expect(report.fleissKappa).toBeNull();
    expect(report.reasons?.fleissKappa).toMatch(/different numbers of ratings/);
    // Only B|D (units 1–10) and C|D (units 2–11) share 10 units; the other pairs share 9 or fewer.
    // B|D agree on 9 of 10; marginals B (1:2, 2:4, 3:2, 4:1, 5:1), D (1:2, 2:3, 3:2, 4:2, 5:1): Σ a_v b_v = 4+12+4+2+1 = 23;
    // κ = (10·9 − 23)/(10² − 23) = 67/77. C|D agree on 7; C (1:1, 2:3, 3:4, 4:1, 5:1), D (1:2, 2:3, 3:2, 4:2, 5:1): Σ = 22; κ = 48/78.
    expect(report.cohenKappa).toEqual({
      'B|D': { n: 10, kappa: expect.closeTo(67 / 77, 12) },
      'C|D': { n: 10, kappa: expect.closeTo(48 / 78, 12) },
    });
    // Agreeing ordered pairs / m(m−1) per unit: 1: 6/6, 2: (2,2,2,3) 6/12, 3–5: 1, 6: (1,2,3,4) 0/12, 7: 1,
    // 8: (1,1,2,1) 6/12, 9–11: 1 (unit 12 has one value): sum 9 over 11 units.
    expect(report.percentAgreement).toBeCloseTo(9 / 11, 12);
  });

  it('gives the same report from a stream of lines', async () => {
    async function* stream() {
      for (const line of PUBLISHED_LINES) yield line;
    }
    expect(await agreementFromJsonLinesAsync(stream(), { level: 'nominal' })).toEqual(
      agreementFromJsonLines(PUBLISHED_LINES, { level: 'nominal' }),
    );
  });

  it('reports Fleiss and Cohen kappa when the design allows', () => {
    // 12 units, both coders on each; they agree on 10: yes×6 + no×4, disagree twice (yes/no, no/yes).
    // p_o = 10/12; a: yes 7, no 5; b: yes 7, no 5; p_e = (49 + 25)/144; κ = (120 − 74)/(144 − 74) = 46/70.
    const pairs = [...Array(6).fill(['yes', 'yes']), ...Array(4).fill(['no', 'no']), ['yes', 'no'], ['no', 'yes']];
    const lines = pairs.flatMap(([a, b], unit) => [
      JSON.stringify({ unit, coder: 'a', value: a }),
      JSON.stringify({ unit, coder: 'b', value: b }),
    ]);
    const report = agreementFromJsonLines(lines, { level: 'nominal' });
    expect(report.cohenKappa).toEqual({ 'a|b': { n: 12, kappa: expect.closeTo(46 / 70, 12) } });
    // Two coders per unit: Fleiss' kappa (Scott's pi) uses pooled proportions p_yes = p_no... 14/24 and 10/24:
    // P_e = (14² + 10²)/24² = 296/576, P̄ = 10/12; κ = (10/12 − 296/576)/(1 − 296/576) = (480 − 296)/(576 − 296) = 184/280.
    expect(report.fleissKappa).toBeCloseTo(184 / 280, 12);
    expect(report.reasons).toBeUndefined();
  });

  it('names the 1-based line of a bad record', () => {
    const bad = (lines: string[], pattern: RegExp) => {
      expect(() => agreementFromJsonLines(lines, { level: 'nominal' })).toThrow(DomainError);
      expect(() => agreementFromJsonLines(lines, { level: 'nominal' })).toThrow(pattern);
    };
    bad(['{"unit":1,"coder":"a","value":1}', '', '{"unit":1,"coder":"b"'], /^line 3: is not valid JSON/);
    bad(['{"unit":1,"coder":"a"}'], /^line 1: value: is missing/);
    bad(['[1,2]'], /^line 1: must be a JSON object/);
    bad(['{"unit":1,"coder":"a","value":true}'], /^line 1: value: must be a non-empty string or a finite number/);
    bad(
      ['{"unit":1,"coder":"a","value":1}', '{"unit":"1","coder":"a","value":2}'],
      /^line 2: coder "a" already labelled unit "1" on line 1/,
    );
    expect(() => agreementFromJsonLines([], { level: 'loud' as never })).toThrow(/level/);
  });

  it('refuses string values at the interval level and takes an order for ordinal strings', () => {
    expect(() => agreementFromJsonLines(['{"unit":1,"coder":"a","value":"x"}'], { level: 'interval' })).toThrow(
      /numbers/,
    );
    const lines = PUBLISHED_LINES.map((line) => line.replace(/"value":(\d)/, '"value":"v$1"'));
    const ordinal = agreementFromJsonLines(lines, { level: 'ordinal', order: ['v1', 'v2', 'v3', 'v4', 'v5'] });
    expect(ordinal.alpha).toBeCloseTo(0.815, 3);
  });
});

describe('rankingAgreementFromJsonLines', () => {
  it('reports mean Kendall W and ordinal/interval alpha of positions', () => {
    const lines = [
      { item: 'q1', coder: 'x', ranking: ['a', 'b', 'c'] },
      { item: 'q1', coder: 'y', ranking: ['a', 'b', 'c'] },
      { item: 'q2', coder: 'x', ranking: ['a', 'b'] },
      { item: 'q2', coder: 'y', ranking: ['b', 'a'] },
    ].map((record) => JSON.stringify(record));
    const report = rankingAgreementFromJsonLines(lines.join('\n'));
    // q1: W = 1, q2: W = 0 → mean 0.5.
    expect(report.kendallW).toBe(0.5);
    expect(report.items).toBe(2);
    // Units: q1/a (1,1), q1/b (2,2), q1/c (3,3), q2/a (1,2), q2/b (2,1); n = 10, n_1 = 4, n_2 = 4, n_3 = 2.
    // Interval: Σ o δ² = 2·2·1 = 4 (o_12 = o_21 = 2); Σ n_c n_k δ² = 2·(4·4·1 + 4·2·4 + 4·2·1) = 112; α = 1 − 9·4/112.
    expect(report.alphaInterval).toBeCloseTo(1 - 36 / 112, 12);
    expect(report.alphaOrdinal).not.toBeNull();
  });

  it('names the line of a bad ranking or a repeated coder', () => {
    expect(() => rankingAgreementFromJsonLines('{"item":1,"coder":"x","ranking":["a","a"]}')).toThrow(
      /^line 1: ranking: lists response "a" twice/,
    );
    const twice = ['{"item":1,"coder":"x","ranking":["a","b"]}', '{"item":"1","coder":"x","ranking":["b","a"]}'];
    expect(() => rankingAgreementFromJsonLines(twice)).toThrow(/^line 2: coder "x" already ranked item "1" on line 1/);
    expect(() => rankingAgreementFromJsonLines('{"item":1,"coder":"x"}')).toThrow(/^line 1: ranking: is missing/);
  });
});
