import { graphql } from '../gql/index.js';
import type { EvaluationReportQuery, JudgeMode, ReportGroupBy } from '../gql/graphql.js';

/** The campaign report behind the win/tie/lose and leaderboard panels. */
export const EVALUATION_REPORT = graphql(`
  query EvaluationReport(
    $projectId: ID!
    $criterion: String!
    $baseline: String
    $judges: JudgeMode!
    $groupBy: ReportGroupBy
  ) {
    evaluationReport(
      projectId: $projectId
      criterion: $criterion
      baseline: $baseline
      judges: $judges
      groupBy: $groupBy
      resamples: 500
    ) {
      criterion
      models
      judgements
      items
      csv
      markdown
      leaderboardCsv
      leaderboardMarkdown
      rows {
        model
        baseline
        groupBy
        group
        n
        wins
        ties
        losses
        winRate
        tieRate
        loseRate
        signTestP
        winInterval {
          low
          high
        }
        tieInterval {
          low
          high
        }
        loseInterval {
          low
          high
        }
      }
      leaderboard {
        rows {
          rank
          model
          strength
          low
          high
          elo
          games
        }
      }
      judgeAgreement {
        judge
        n
        agreeing
        share
      }
    }
  }
`);

export type EvaluationReport = EvaluationReportQuery['evaluationReport'];
/** One model against its baseline; `group` is null on the overall row of a grouped report. */
export type ReportRow = EvaluationReport['rows'][number];
export type Interval = NonNullable<ReportRow['winInterval']>;

export type { JudgeMode, ReportGroupBy as Grouping } from '../gql/graphql.js';
export const JUDGE_MODES: readonly JudgeMode[] = ['EXCLUDE', 'INCLUDE', 'ONLY'];
export const GROUPINGS: readonly ReportGroupBy[] = ['LANGUAGE', 'SPECIALTY', 'QUESTION_TYPE'];

/** Offers a text as a file download in the browser. */
export function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** A fraction as a percentage with one decimal, or a dash. */
export function pct(value: number | null): string {
  return value === null ? '–' : (value * 100).toFixed(1);
}
