import { DomainError, ErrorCode } from '@clinrank/domain';
import { judgeAgreement, type JudgeAgreement } from './judge-agreement.js';
import type { BothBadPolicy } from './judgements.js';
import { leaderboard, type Leaderboard } from './leaderboard.js';
import { winTieLose, type WinTieLoseRow } from './win-tie-lose.js';
import { winTieLoseCsv, winTieLoseMarkdown } from './win-tie-lose-format.js';
import type { CampaignJudgement } from './campaign-judgements.js';
import { leaderboardCsv, leaderboardMarkdown } from './report-format.js';

/** Which judgements from automated judges the results count: none (default), all, or only theirs. */
export const JUDGE_MODES = ['exclude', 'include', 'only'] as const;
export type JudgeMode = (typeof JUDGE_MODES)[number];

export const REPORT_GROUPINGS = ['language', 'specialty', 'questionType'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export interface EvaluationReportOptions {
  criterion: string;
  /** Every model against this one; without it, every pair of models judged together. */
  baseline?: string | null;
  groupBy?: ReportGrouping | null;
  judges?: JudgeMode;
  bothBad?: BothBadPolicy;
  /** Seed of the leaderboard's item bootstrap (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
}

export interface EvaluationReport {
  criterion: string;
  baseline: string | null;
  groupBy: ReportGrouping | null;
  judges: JudgeMode;
  bothBad: BothBadPolicy;
  /** Every model with a judgement in the campaign, any criterion. */
  models: string[];
  /** Judgements counted for this criterion and judge mode. */
  judgements: number;
  items: number;
  rows: WinTieLoseRow[];
  leaderboard: Leaderboard;
  /** One entry per automated judge, against the clinicians' majority on this criterion (whatever the judge mode). */
  judgeAgreement: JudgeAgreement[];
  csv: string;
  markdown: string;
  leaderboardCsv: string;
  leaderboardMarkdown: string;
}

/** Win/tie/lose rows, Bradley–Terry leaderboard and judge agreement for one criterion of a campaign. */
export function buildEvaluationReport(
  all: readonly CampaignJudgement[],
  criteria: readonly string[],
  options: EvaluationReportOptions,
): EvaluationReport {
  const judges = readJudgeMode(options.judges);
  const bothBad = options.bothBad ?? 'tie';
  const criterion = options.criterion;
  if (!criteria.includes(criterion)) bad('criterion', `must be one of ${criteria.join(', ')}, got "${criterion}"`);
  const models = [...new Set(all.flatMap((j) => [j.modelA, j.modelB]))].sort();
  const baseline = options.baseline || null;
  if (baseline !== null && !models.includes(baseline))
    bad('baseline', `"${baseline}" is not a judged model of this campaign (models: ${models.join(', ') || 'none'})`);
  const groupBy = options.groupBy ?? null;
  if (groupBy !== null && !(REPORT_GROUPINGS as readonly string[]).includes(groupBy))
    bad('groupBy', `must be one of ${REPORT_GROUPINGS.join(', ')}, got "${groupBy}"`);
  const onCriterion = all.filter((j) => j.criterion === criterion);
  const counted = onCriterion.filter((j) => (judges === 'include' ? true : judges === 'only' ? j.isJudge : !j.isJudge));
  const rows = winTieLose(counted, {
    criteria: [criterion],
    bothBad,
    ...(baseline ? { baseline } : {}),
    ...(groupBy ? { groupBy } : {}),
  });
  const board = leaderboard(counted, {
    criterion,
    bothBad,
    seed: options.seed ?? 1,
    resamples: options.resamples ?? 1000,
  });
  return {
    criterion,
    baseline,
    groupBy,
    judges,
    bothBad,
    models,
    judgements: counted.length,
    items: new Set(counted.map((j) => j.item)).size,
    rows,
    leaderboard: board,
    judgeAgreement: agreementOfJudges(onCriterion, bothBad),
    csv: winTieLoseCsv(rows),
    markdown: winTieLoseMarkdown(rows),
    leaderboardCsv: leaderboardCsv(board),
    leaderboardMarkdown: leaderboardMarkdown(board),
  };
}

/** Each judge's agreement with the clinicians' majority; other judges are left out of the majority. */
function agreementOfJudges(judgements: readonly CampaignJudgement[], bothBad: BothBadPolicy): JudgeAgreement[] {
  const clinicians = judgements.filter((j) => !j.isJudge);
  const judgeNames = [...new Set(judgements.filter((j) => j.isJudge).map((j) => j.annotator))].sort();
  return judgeNames.map((judge) =>
    judgeAgreement([...clinicians, ...judgements.filter((j) => j.annotator === judge)], judge, { bothBad }),
  );
}

/** Reads a judge mode, refusing unknown values. */
export function readJudgeMode(value: string | undefined): JudgeMode {
  const mode = value ?? 'exclude';
  if (!(JUDGE_MODES as readonly string[]).includes(mode))
    bad('judges', `must be one of ${JUDGE_MODES.join(', ')}, got "${mode}"`);
  return mode as JudgeMode;
}

function bad(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field}: ${message}`, field);
}
