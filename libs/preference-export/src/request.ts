import type { LabelFlag, PairwiseChoice, RatingScale } from '@clinrank/domain';

export const EXPORT_FORMATS = ['trl', 'trl-conversational', 'kto', 'openrlhf', 'ranking', 'raw', 'sft'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const AGGREGATION_POLICIES = ['per-annotator', 'majority', 'unanimous', 'bradley-terry', 'dawid-skene'] as const;
export type AggregationPolicy = (typeof AGGREGATION_POLICIES)[number];

/** What a pair record's `margin` holds, if anything (TRL's RewardTrainer applies a `margin` column automatically). */
export const MARGIN_KINDS = ['none', 'votes', 'probability'] as const;
export type MarginKind = (typeof MARGIN_KINDS)[number];

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Fields a `where` expression (and the matching list options) can filter on. */
export const FILTER_FIELDS = ['language', 'specialty', 'source', 'model', 'generator', 'annotatorKind'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const STRATIFY_FIELDS = ['language', 'specialty'] as const;
export type StratifyField = (typeof STRATIFY_FIELDS)[number];

/** Keep values in `include` (null: any value) and never values in `exclude`. */
export interface FieldFilter {
  include: string[] | null;
  exclude: string[];
}

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** The Dawid–Skene posterior outcome of one unordered response pair; `a` is the response whose id sorts first. */
export interface PairPosterior {
  outcome: PairwiseChoice;
  /** Posterior probability of that outcome. */
  probability: number;
}

/** Posterior outcomes by `pairUnit(item, x, y)`, fitted on the export's own selection of labels. */
export type PairPosteriors = Map<string, PairPosterior>;

/** A fully validated export request with every default filled in (the form `parseExportRequest` returns). */
export interface ExportRequest {
  format: ExportFormat;
  policy: AggregationPolicy;
  /** Criterion pairs are read from (ranking and validation labels count as `overall`). */
  criterion: string;
  ties: 'drop' | 'keep';
  /** Use the clinicians' votes only, even where a lead adjudicated the item. */
  ignoreAdjudications: boolean;
  /** Write the provenance `metadata` object on every record (false for strict trainers). */
  metadata: boolean;
  /** The `margin` written on trl / trl-conversational / openrlhf records; `none` writes no margin key. */
  margin: MarginKind;
  /** A pair is kept only when the most common outcome among its votes has at least this share. */
  minAgreement: number;
  /** Items with fewer labels (after label filters) are skipped. */
  minLabelsPerItem: number;
  gold: 'include' | 'exclude' | 'only';
  excludeFlags: LabelFlag[];
  /** `any`: one label carrying an excluded flag removes the item; `majority`: more than half of its labels must. */
  flagRule: 'any' | 'majority';
  filters: Record<FilterField, FieldFilter>;
  /** Labels created at or after this ISO instant (inclusive). */
  labelsFrom: string | null;
  /** Labels created before this ISO instant (exclusive). */
  labelsTo: string | null;
  minGuidelineVersion: number | null;
  maxGuidelineVersion: number | null;
  /** Validation projects: export proposals only when accepted or fixed (fixed text used); false exports every proposal as generated. */
  acceptedOnly: boolean;
  scale: RatingScale;
  /** KTO from ratings: a mean rating at least this is desirable; null: strictly above the middle of the scale. */
  desirableMin: number | null;
  split: SplitFractions;
  seed: string;
  stratify: StratifyField[];
  /** Bradley–Terry only: weight of each annotator's votes (e.g. gold accuracy). */
  annotatorWeights: Map<string, number> | null;
  /** Dawid–Skene only: each pair's posterior outcome, from `fitPairPosteriors` over the same items (null until fitted). */
  pairPosteriors?: PairPosteriors | null;
  /** Weight of annotators missing from `annotatorWeights`. */
  defaultAnnotatorWeight: number;
  /** OpenRLHF: write `chosen`/`rejected` as message lists (user turns, then the answer) for `--apply_chat_template`, and no prompt key. */
  chat: boolean;
  /** OpenRLHF key names. */
  promptKey: string;
  chosenKey: string;
  rejectedKey: string;
  parquet: boolean;
  parquetRowGroupSize: number;
}
