import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import type { CampaignJudgement } from './campaign-judgements.js';
import { buildEvaluationReport } from './evaluation-report.js';

const CRITERIA = ['accuracy', 'overall'];

function judgement(
  item: string,
  annotator: string,
  modelA: string,
  modelB: string,
  choice: CampaignJudgement['choice'],
  extra: Partial<CampaignJudgement> = {},
): CampaignJudgement {
  return { item, annotator, modelA, modelB, choice, criterion: 'overall', isJudge: false, language: 'en', ...extra };
}

/**
 * new-model vs baseline over five clinician judgements: wins on i1, i2 (as side B), i3; ties on i4; loses on i5.
 * A judge agrees with the clinicians on i1 and i2 and disagrees on i5.
 */
const campaign: CampaignJudgement[] = [
  judgement('i1', 'dr-a', 'new-model', 'baseline', 'a'),
  judgement('i2', 'dr-a', 'baseline', 'new-model', 'b', { language: 'zh' }),
  judgement('i3', 'dr-b', 'new-model', 'baseline', 'a', { language: 'zh' }),
  judgement('i4', 'dr-b', 'new-model', 'baseline', 'tie'),
  judgement('i5', 'dr-a', 'baseline', 'new-model', 'a'),
  judgement('i1', 'llm-judge', 'baseline', 'new-model', 'b', { isJudge: true }),
  judgement('i2', 'llm-judge', 'new-model', 'baseline', 'a', { isJudge: true }),
  judgement('i5', 'llm-judge', 'new-model', 'baseline', 'a', { isJudge: true }),
  judgement('i1', 'dr-a', 'new-model', 'baseline', 'b', { criterion: 'accuracy' }),
];

describe('buildEvaluationReport', () => {
  it('counts win/tie/lose of the clinicians only by default, with Wilson intervals and the sign test', () => {
    const report = buildEvaluationReport(campaign, CRITERIA, {
      criterion: 'overall',
      baseline: 'baseline',
      resamples: 50,
    });
    expect(report.judges).toBe('exclude');
    expect(report.judgements).toBe(5);
    expect(report.rows).toHaveLength(1);
    const row = report.rows[0];
    expect(row).toMatchObject({
      model: 'new-model',
      baseline: 'baseline',
      n: 5,
      wins: 3,
      ties: 1,
      losses: 1,
      winRate: 0.6,
      tieRate: 0.2,
      loseRate: 0.2,
    });
    // Wilson 95% for 3/5: centre (0.6 + z²/10)/(1 + z²/5) = 0.5566, half-width z·√(0.048 + z²/100)/(1 + z²/5) = 0.3258.
    expect(row.winInterval?.low).toBeCloseTo(0.2307, 3);
    expect(row.winInterval?.high).toBeCloseTo(0.8824, 3);
    // Sign test, 3 wins vs 1 loss: P(|W − 2| ≥ 1) under Bin(4, ½) = (1 + 4 + 4 + 1)/16 = 0.625.
    expect(row.signTestP).toBeCloseTo(0.625, 10);
    expect(report.markdown.split('\n')[2]).toBe('| new-model vs baseline | 60.0 | 20.0 | 20.0 | 5 | 0.625 |');
  });

  it('includes or isolates the judge on request', () => {
    const included = buildEvaluationReport(campaign, CRITERIA, {
      criterion: 'overall',
      baseline: 'baseline',
      judges: 'include',
      resamples: 50,
    });
    // The judge adds two wins (i1, i2) and one more win (i5, new-model on A chose a): 6 wins, 1 tie, 1 loss.
    expect(included.rows[0]).toMatchObject({ n: 8, wins: 6, ties: 1, losses: 1 });
    const only = buildEvaluationReport(campaign, CRITERIA, {
      criterion: 'overall',
      baseline: 'baseline',
      judges: 'only',
      resamples: 50,
    });
    expect(only.rows[0]).toMatchObject({ n: 3, wins: 3, ties: 0, losses: 0 });
  });

  it("measures the judge's agreement with the clinicians' majority whatever the judge mode", () => {
    const report = buildEvaluationReport(campaign, CRITERIA, { criterion: 'overall', resamples: 50 });
    // Clinicians: i1 new-model, i2 new-model, i5 baseline. Judge: new-model on all three → agrees on 2 of 3.
    expect(report.judgeAgreement).toHaveLength(1);
    expect(report.judgeAgreement[0]).toMatchObject({ judge: 'llm-judge', n: 3, agreeing: 2, withoutMajority: 0 });
    expect(report.judgeAgreement[0].share).toBeCloseTo(2 / 3, 10);
  });

  it('breaks rows down by language and ranks the leaderboard', () => {
    const report = buildEvaluationReport(campaign, CRITERIA, {
      criterion: 'overall',
      baseline: 'baseline',
      groupBy: 'language',
      resamples: 50,
    });
    // en: i1 win, i4 tie, i5 loss; zh: i2 win, i3 win.
    expect(report.rows.map((row) => [row.group, row.wins, row.ties, row.losses])).toEqual([
      [null, 3, 1, 1],
      ['en', 1, 1, 1],
      ['zh', 2, 0, 0],
    ]);
    expect(report.leaderboard.rows.map((row) => row.model)).toEqual(['new-model', 'baseline']);
    expect(report.leaderboard.rows[0]).toMatchObject({ wins: 3, ties: 1, losses: 1, games: 5 });
    expect(report.leaderboardCsv.split('\n')[0]).toBe(
      'Rank,Model,BT strength,95% low,95% high,Elo,Games,Wins,Ties,Losses',
    );
  });

  it('reports each criterion separately', () => {
    const report = buildEvaluationReport(campaign, CRITERIA, { criterion: 'accuracy', resamples: 50 });
    expect(report.rows).toEqual([
      expect.objectContaining({ model: 'baseline', baseline: 'new-model', criterion: 'accuracy', wins: 1, n: 1 }),
    ]);
  });

  it('refuses an unknown criterion, baseline or judge mode, naming the field', () => {
    const attempt = (options: Parameters<typeof buildEvaluationReport>[2]) => {
      try {
        buildEvaluationReport(campaign, CRITERIA, options);
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('expected a DomainError');
    };
    expect(attempt({ criterion: 'empathy' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criterion' });
    expect(attempt({ criterion: 'overall', baseline: 'gpt-9' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'baseline',
    });
    expect(attempt({ criterion: 'overall', judges: 'maybe' as 'include' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'judges',
    });
  });
});
