export { type Id, type Label, type LabelValue, type MeasurementLevel, MEASUREMENT_LEVELS } from './labels.js';
export { ReliabilityData, type LabelsByUnit } from './reliability-data.js';
export { krippendorffAlpha, type AlphaOptions, type AlphaResult } from './krippendorff-alpha.js';
export { coincidenceMatrix, alphaFromCoincidences, type CoincidenceMatrix } from './coincidence-matrix.js';
export { alphaBootstrapInterval, type AlphaBootstrapOptions } from './alpha-bootstrap.js';
export {
  fleissKappa,
  cohenKappaPairs,
  type FleissKappaResult,
  type CohenKappaPair,
  type CohenKappaOptions,
} from './kappa.js';
export { percentAgreement, type PercentAgreementResult } from './percent-agreement.js';
export { confusionMatrix, type ConfusionMatrix } from './confusion-matrix.js';
export { midRanks, type RankingEntry, type RankingLabel } from './rankings.js';
export {
  kendallW,
  kendallWByItem,
  kendallTauB,
  rankingTauB,
  type KendallWResult,
  type KendallWByItem,
} from './kendall.js';
export { rankingAlpha, rankingReliabilityData } from './ranking-alpha.js';
export {
  normalisePairwise,
  pairwiseNominalLabels,
  pairwiseOrdinalLabels,
  pairwiseLabelsFromContent,
  pairwiseAgreementByCriterion,
  type PairwiseJudgementLabel,
  type NormalisedChoice,
  type NormalisedJudgement,
  type CriterionAgreement,
} from './pairwise-units.js';
export { leaveOneOutAgreement, type LeaveOneOutAgreement, type LeaveOneOutOptions } from './leave-one-out.js';
export {
  goldAccuracy,
  positionBias,
  positionObservations,
  tieRate,
  medianTimePerTask,
  sameChoiceShare,
  type SameChoice,
  type GoldAccuracy,
  type PositionBias,
  type PositionObservation,
  type TieRate,
} from './annotator-quality.js';
export { isoWeek } from './iso-week.js';
export { agreementByWeek, type TimedLabel, type WeeklyAgreement } from './annotator-drift.js';
export {
  checkAnnotators,
  flagAnnotators,
  annotatorSummaries,
  type AnnotatorCheck,
  type AnnotatorCheckKind,
  type AnnotatorSummary,
  type AnnotatorThresholds,
  type AnnotatorFlag,
} from './flag-annotators.js';
export {
  agreementFromJsonLines,
  agreementFromJsonLinesAsync,
  REPORT_MIN_SHARED_UNITS,
  type AgreementReport,
  type AgreementReportOptions,
} from './agreement-report.js';
export {
  rankingAgreementFromJsonLines,
  rankingAgreementFromJsonLinesAsync,
  type RankingAgreementReport,
} from './ranking-report.js';
export {
  fitDawidSkene,
  itemPosterior,
  posteriorMode,
  posteriorOf,
  PAIRWISE_SWAP,
  type DsLabel,
  type DawidSkeneOptions,
  type DawidSkeneModel,
  type DawidSkeneFit,
  type ConfusionPrior,
  type AnnotatorReliability,
} from './dawid-skene.js';
export {
  decideOverlap,
  OVERLAP_CRITERIA,
  readOverlapCriteria,
  requiredCriteria,
  validateAdaptiveOverlap,
  DEFAULT_OVERLAP_CONFIDENCE,
  type AdaptiveOverlap,
  type OverlapCriteria,
  type OverlapLabel,
  type OverlapStatus,
  type OverlapDecision,
} from './adaptive-overlap.js';
export {
  ADAPTIVE_KINDS,
  CATEGORICAL_KINDS,
  decideItemOverlap,
  fitLabelOutcomes,
  isCategoricalKind,
  labelOutcome,
  labelOutcomes,
  labelOutcomesOf,
  outcomeOptions,
  overlapCriteria,
  supportsAdaptiveOverlap,
  targetOverlap,
  type OutcomeLabel,
  type OutcomeUnit,
  type RatingScale,
} from './label-outcomes.js';
export type { LoadedLabel, GoldAnswer, ProjectLabels } from './project-labels.js';
export {
  criteriaOf,
  criterionUnits,
  defaultCriterion,
  requireCriterion,
  unitsOf,
  type CriterionUnits,
  type UnitValue,
} from './agreement-units.js';
export {
  agreementSummary,
  BOOTSTRAP_SEED,
  bootstrapResamples,
  type AgreementSummary,
  type AlphaEstimate,
  type CohenPair,
  type CriterionSummary,
} from './agreement-summary.js';
export { annotatorQuality, type AnnotatorQualityReport, type AnnotatorQualityRow } from './annotator-quality-report.js';
export { ReliabilityTally, type ReliabilityTallyState, type TallyUnit, type TallyValue } from './reliability-tally.js';
export {
  CompactUnitsBuilder,
  compactAlphaBootstrap,
  compactAlphaBootstraps,
  compactUnitValueCounts,
  type CompactUnits,
} from './compact-units.js';
export { normaliseFilter, type AgreementFilter, type NormalisedFilter } from './agreement-filter.js';
export { goldAccuracyWeights, NO_GOLD_WEIGHT } from './gold-weights.js';
