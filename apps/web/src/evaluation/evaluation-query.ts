import { gql } from '@apollo/client';

/** The campaign report behind the win/tie/lose and leaderboard panels. */
export const EVALUATION_REPORT = gql`
  query EvaluationReport($projectId: ID!, $criterion: String!, $baseline: String, $judges: JudgeMode!, $groupBy: ReportGroupBy) {
    evaluationReport(projectId: $projectId, criterion: $criterion, baseline: $baseline, judges: $judges, groupBy: $groupBy, resamples: 500) {
      criterion models judgements items csv markdown leaderboardCsv leaderboardMarkdown
      rows {
        model baseline groupBy group n wins ties losses winRate tieRate loseRate signTestP
        winInterval { low high } tieInterval { low high } loseInterval { low high }
      }
      leaderboard { rows { rank model strength low high elo games } }
      judgeAgreement { judge n agreeing share }
    }
  }
`;

export const JUDGE_MODES = ['EXCLUDE', 'INCLUDE', 'ONLY'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

export const GROUPINGS = ['LANGUAGE', 'SPECIALTY', 'QUESTION_TYPE'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface Interval {
  low: number;
  high: number;
}

export interface ReportRow {
  model: string;
  baseline: string;
  groupBy: string | null;
  /** null on the overall row of a grouped report. */
  group: string | null;
  n: number;
  wins: number;
  ties: number;
  losses: number;
  winRate: number | null;
  tieRate: number | null;
  loseRate: number | null;
  winInterval: Interval | null;
  tieInterval: Interval | null;
  loseInterval: Interval | null;
  signTestP: number | null;
}

export interface EvaluationReport {
  criterion: string;
  models: string[];
  judgements: number;
  items: number;
  csv: string;
  markdown: string;
  leaderboardCsv: string;
  leaderboardMarkdown: string;
  rows: ReportRow[];
  leaderboard: { rows: Array<{ rank: number; model: string; strength: number; low: number | null; high: number | null; elo: number; games: number }> };
  judgeAgreement: Array<{ judge: string; n: number; agreeing: number; share: number | null }>;
}

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
