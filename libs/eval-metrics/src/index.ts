export { tokenize, normaliseArabic } from './tokenize.js';
export {
  corpusBleu,
  smoothedSentenceBleu,
  brevityPenalty,
  closestReferenceLength,
  modifiedPrecision,
  type TokenizedItem,
} from './bleu.js';
export { corpusGleu, gleuStatistics } from './gleu.js';
export { rougeNF1, rougeLF1, longestCommonSubsequence } from './rouge.js';
export {
  scorePredictions,
  scorePredictionsByLanguage,
  type PredictionItem,
  type ItemScores,
  type CorpusScores,
} from './score-predictions.js';
export {
  parsePredictionsJsonl,
  UNDETERMINED_LANGUAGE,
  type ParsedPredictions,
  type JsonlProblem,
} from './predictions-jsonl.js';
export {
  criterionOf,
  outcomeFor,
  validateJudgements,
  type ModelJudgement,
  type BothBadPolicy,
  type Outcome,
} from './judgements.js';
export {
  winTieLose,
  type WinTieLoseRow,
  type WinTieLoseOptions,
  type Grouping,
  type Interval,
} from './win-tie-lose.js';
export { winTieLoseJson, winTieLoseCsv, winTieLoseMarkdown } from './win-tie-lose-format.js';
export { leaderboard, type Leaderboard, type LeaderboardRow, type LeaderboardOptions } from './leaderboard.js';
export { eloRatings, type EloGame, type EloOptions } from './elo.js';
export {
  scheduleComparisons,
  type ItemResponses,
  type PairStrategy,
  type ScheduleOptions,
  type PlannedPair,
  type Schedule,
} from './campaign-schedule.js';
export {
  CAMPAIGN_STRATEGIES,
  CAMPAIGN_SELECTIONS,
  DEFAULT_CAMPAIGN_SELECTION,
  activePlannedPair,
  readCampaignPlan,
  validateCampaignPlan,
  plannedPairs,
  leastUsedPairs,
  balancedSides,
  type CampaignPlan,
  type CampaignSelection,
  type ModelResponse,
} from './campaign-plan.js';
export {
  syntheticValidationStats,
  type GeneratorVerdict,
  type GeneratorValidationStats,
} from './synthetic-validation.js';
export { judgeAgreement, type JudgeAgreement } from './judge-agreement.js';
export {
  activePairWeights,
  campaignEstimates,
  chooseActivePair,
  SELECTION_PRIOR,
  SELECTION_RESAMPLES,
  drawPair,
  type ModelEstimate,
  type ActivePairOptions,
  type PairWeight,
} from './active-pairs.js';
export {
  judgementsFromLabels,
  questionTypeOf,
  type CampaignLabel,
  type CampaignJudgement,
  type ConvertedLabels,
} from './campaign-judgements.js';
export {
  buildEvaluationReport,
  readJudgeMode,
  JUDGE_MODES,
  REPORT_GROUPINGS,
  type EvaluationReport,
  type EvaluationReportOptions,
  type JudgeMode,
  type ReportGrouping,
} from './evaluation-report.js';
export {
  modelMetrics,
  modelMetricsCsv,
  modelMetricsMarkdown,
  referencesOf,
  scorableLanguages,
  type ModelAnswer,
  type ModelMetricsRow,
} from './model-metrics.js';
export {
  buildValidationReport,
  NO_GENERATOR,
  type ValidationLabel,
  type ValidationReport,
  type GeneratorValidation,
  type VerdictAgreement,
} from './validation-report.js';
export {
  bertScoreInputJsonl,
  bertScoreLanguages,
  bertScoreRows,
  parseBertScorePredictions,
  DEFAULT_PREDICTIONS_MODEL,
  type BertScoreRow,
  type BertScorePredictions,
} from './bertscore-input.js';
export { bertScoreCsv, bertScoreMarkdown } from './bertscore-format.js';
