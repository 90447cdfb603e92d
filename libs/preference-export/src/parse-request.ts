import { DEFAULT_RATING_SCALE, LABEL_FLAGS, OVERALL_CRITERION, parseScale, type RatingScale } from '@clinrank/domain';
import { badOption } from './errors.js';
import {
  readBoolean,
  readEnum,
  readEnumList,
  readInstant,
  readInteger,
  readNumberIn,
  readOptionalInteger,
  readString,
  readStringList,
  type RawOptions,
} from './option-readers.js';
import {
  AGGREGATION_POLICIES,
  EXPORT_FORMATS,
  MARGIN_KINDS,
  type MarginKind,
  FILTER_FIELDS,
  STRATIFY_FIELDS,
  type ExportRequest,
  type FieldFilter,
  type FilterField,
  type SplitFractions,
} from './request.js';
import { ANNOTATOR_KINDS } from './types.js';
import { narrowFilter, parseWhere } from './where.js';

/** List options that are shorthands for `where` clauses on one field. */
const LIST_OPTIONS: Record<string, FilterField> = {
  languages: 'language',
  specialties: 'specialty',
  sources: 'source',
  models: 'model',
  generators: 'generator',
  annotatorKinds: 'annotatorKind',
};

const KNOWN_OPTIONS = new Set([
  'format',
  'policy',
  'criterion',
  'ties',
  'ignoreAdjudications',
  'metadata',
  'noMetadata',
  'margin',
  'minAgreement',
  'minLabelsPerItem',
  'gold',
  'excludeFlags',
  'flagRule',
  'where',
  ...Object.keys(LIST_OPTIONS),
  'labelsFrom',
  'labelsTo',
  'minGuidelineVersion',
  'maxGuidelineVersion',
  'acceptedOnly',
  'scale',
  'desirableMin',
  'split',
  'seed',
  'stratify',
  'annotatorWeights',
  'defaultAnnotatorWeight',
  'chat',
  'promptKey',
  'chosenKey',
  'rejectedKey',
  'parquet',
  'parquetRowGroupSize',
]);

/** Judge (LLM) labels are opt-in: a preference dataset of clinicians should not silently contain model opinions. */
const DEFAULT_ANNOTATOR_KINDS = ['external', 'human'];

/** Validates every option of an export request and fills in defaults; throws DomainError(BadUserInput) naming the bad option. */
export function parseExportRequest(raw: unknown): ExportRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    badOption('request', 'must be an object of options');
  const options = raw as RawOptions;
  if (options.lowRatingMax !== undefined)
    badOption('lowRatingMax', 'was replaced by desirableMin (KTO: the lowest mean rating that is desirable)');
  const unknown = Object.keys(options).find((key) => !KNOWN_OPTIONS.has(key));
  if (unknown !== undefined) badOption(unknown, 'is not an export option');
  const scale = readScale(options);
  const request: ExportRequest = {
    format: readEnum(options, 'format', EXPORT_FORMATS, 'trl'),
    policy: readEnum(options, 'policy', AGGREGATION_POLICIES, 'majority'),
    criterion: readString(options, 'criterion', OVERALL_CRITERION),
    ties: readEnum(options, 'ties', ['drop', 'keep'] as const, 'drop'),
    ignoreAdjudications: readBoolean(options, 'ignoreAdjudications', false),
    metadata: readMetadataSwitch(options),
    margin: readMargin(options),
    minAgreement: readNumberIn(options, 'minAgreement', 0, 0, 1),
    minLabelsPerItem: readInteger(options, 'minLabelsPerItem', 1, 0),
    gold: readEnum(options, 'gold', ['include', 'exclude', 'only'] as const, 'include'),
    excludeFlags: readEnumList(options, 'excludeFlags', LABEL_FLAGS) ?? [],
    flagRule: readEnum(options, 'flagRule', ['any', 'majority'] as const, 'any'),
    filters: readFilters(options),
    labelsFrom: readInstant(options, 'labelsFrom'),
    labelsTo: readInstant(options, 'labelsTo'),
    minGuidelineVersion: readOptionalInteger(options, 'minGuidelineVersion', 0),
    maxGuidelineVersion: readOptionalInteger(options, 'maxGuidelineVersion', 0),
    acceptedOnly: readBoolean(options, 'acceptedOnly', true),
    scale,
    desirableMin: readDesirableMin(options, scale),
    split: readSplit(options.split),
    seed: readString(options, 'seed', 'clinrank'),
    stratify: readEnumList(options, 'stratify', STRATIFY_FIELDS) ?? [],
    annotatorWeights: readAnnotatorWeights(options.annotatorWeights),
    defaultAnnotatorWeight: readNumberIn(options, 'defaultAnnotatorWeight', 1, 0, Number.MAX_VALUE),
    chat: readBoolean(options, 'chat', false),
    promptKey: readString(options, 'promptKey', 'prompt'),
    chosenKey: readString(options, 'chosenKey', 'chosen'),
    rejectedKey: readString(options, 'rejectedKey', 'rejected'),
    parquet: readBoolean(options, 'parquet', false),
    parquetRowGroupSize: readInteger(options, 'parquetRowGroupSize', 10_000, 1),
  };
  checkConsistency(request);
  return request;
}

function readDesirableMin(options: RawOptions, scale: RatingScale): number | null {
  if (options.desirableMin === undefined || options.desirableMin === null) return null;
  return readNumberIn(options, 'desirableMin', 0, scale.min, scale.max);
}

function readMetadataSwitch(options: RawOptions): boolean {
  const metadata = readBoolean(options, 'metadata', true);
  const noMetadata = readBoolean(options, 'noMetadata', false);
  if (noMetadata && options.metadata === true) badOption('noMetadata', 'contradicts metadata: true');
  return metadata && !noMetadata;
}

// `margin: false` (the old switch) still means no margin; there is no default kind to switch on.
function readMargin(options: RawOptions): MarginKind {
  if (options.margin === false || options.margin === 'false') return 'none';
  return readEnum(options, 'margin', MARGIN_KINDS, 'none');
}

function readScale(options: RawOptions): RatingScale {
  const value = options.scale;
  if (value === undefined || value === null) return { ...DEFAULT_RATING_SCALE };
  if (typeof value === 'string') {
    try {
      return parseScale(value);
    } catch (error) {
      return badOption('scale', (error as Error).message);
    }
  }
  const { min, max } = (value ?? {}) as { min?: unknown; max?: unknown };
  if (!Number.isInteger(min) || !Number.isInteger(max) || (max as number) <= (min as number)) {
    badOption('scale', `must be "min-max" or {min, max} integers with max > min, got ${JSON.stringify(value)}`);
  }
  return { min: min as number, max: max as number };
}

function readFilters(options: RawOptions): Record<FilterField, FieldFilter> {
  const filters = Object.fromEntries(
    FILTER_FIELDS.map((field) => [field, { include: null, exclude: [] }]),
  ) as unknown as Record<FilterField, FieldFilter>;
  filters.annotatorKind = { include: DEFAULT_ANNOTATOR_KINDS, exclude: [] };
  for (const [option, field] of Object.entries(LIST_OPTIONS)) {
    const values = readStringList(options, option);
    if (values === null) continue;
    filters[field] =
      field === 'annotatorKind' ? { include: values, exclude: [] } : narrowFilter(filters[field], values, false);
  }
  for (const clause of readWhereClauses(options.where)) {
    const current = filters[clause.field];
    // `annotatorKind=judge` replaces the default kinds rather than intersecting with them.
    const base =
      clause.field === 'annotatorKind' && options.annotatorKinds === undefined && !clause.negated
        ? { include: null, exclude: current.exclude }
        : current;
    filters[clause.field] = narrowFilter(base, clause.values, clause.negated);
  }
  const wrongKind = filters.annotatorKind.include?.find(
    (kind) => !(ANNOTATOR_KINDS as readonly string[]).includes(kind),
  );
  if (wrongKind !== undefined)
    badOption('annotatorKinds', `entries must be among ${ANNOTATOR_KINDS.join(', ')}, got "${wrongKind}"`);
  return filters;
}

function readWhereClauses(value: unknown) {
  if (value === undefined || value === null) return [];
  const expressions = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(expressions) || expressions.some((entry) => typeof entry !== 'string')) {
    badOption('where', `must be a string or a list of strings, got ${JSON.stringify(value)}`);
  }
  return (expressions as string[]).map(parseWhere);
}

const SPLIT_MESSAGE = 'must be three non-negative numbers summing to 1';

function readSplit(value: unknown): SplitFractions {
  if (value === undefined || value === null) return { train: 0.8, validation: 0.1, test: 0.1 };
  let parts: unknown[];
  if (typeof value === 'string')
    parts = value.split(/[,/:]/).map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  else if (Array.isArray(value)) parts = value;
  else if (typeof value === 'object')
    parts = ['train', 'validation', 'test'].map((key) => (value as Record<string, unknown>)[key]);
  else return badOption('split', `${SPLIT_MESSAGE}, got ${JSON.stringify(value)}`);
  const valid =
    parts.length === 3 && parts.every((part) => typeof part === 'number' && Number.isFinite(part) && part >= 0);
  const numbers = parts as number[];
  if (!valid || Math.abs(numbers[0] + numbers[1] + numbers[2] - 1) > 1e-9)
    badOption('split', `${SPLIT_MESSAGE}, got ${JSON.stringify(value)}`);
  return { train: numbers[0], validation: numbers[1], test: numbers[2] };
}

function readAnnotatorWeights(value: unknown): Map<string, number> | null {
  if (value === undefined || value === null) return null;
  const entries =
    value instanceof Map
      ? [...value.entries()]
      : typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : null;
  if (entries === null) badOption('annotatorWeights', 'must be a Map or an object of annotatorId → weight');
  for (const [annotator, weight] of entries) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      badOption(
        'annotatorWeights',
        `weight of "${annotator}" must be a finite number ≥ 0, got ${JSON.stringify(weight)}`,
      );
    }
  }
  return new Map((entries as [string, number][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Formats whose every record is trained as "chosen beats rejected": a tie has no place in them. */
const CHOSEN_REJECTED_FORMATS = ['trl', 'trl-conversational', 'openrlhf'];

function checkConsistency(request: ExportRequest): void {
  if (request.ties === 'keep' && CHOSEN_REJECTED_FORMATS.includes(request.format)) {
    badOption(
      'ties',
      `keep is refused for ${request.format}: every record is trained as chosen over rejected, so a tie would become a preference; use --format ranking or raw to keep ties`,
    );
  }
  if (request.annotatorWeights !== null && request.policy !== 'bradley-terry') {
    badOption('annotatorWeights', `only applies to policy bradley-terry, not ${request.policy}`);
  }
  if (request.labelsFrom !== null && request.labelsTo !== null && request.labelsFrom >= request.labelsTo) {
    badOption('labelsTo', `must be after labelsFrom (${request.labelsFrom}), got ${request.labelsTo}`);
  }
  const { minGuidelineVersion: min, maxGuidelineVersion: max } = request;
  if (min !== null && max !== null && min > max)
    badOption('maxGuidelineVersion', `must be ≥ minGuidelineVersion (${min}), got ${max}`);
  if (request.chat && request.format !== 'openrlhf') {
    badOption(
      'chat',
      `only applies to format openrlhf (trl-conversational is TRL's message-list format), not ${request.format}`,
    );
  }
  const keys = [request.promptKey, request.chosenKey, request.rejectedKey];
  if (new Set([...keys, 'margin', 'metadata']).size !== 5)
    badOption(
      'promptKey',
      `promptKey, chosenKey and rejectedKey must be distinct and not margin/metadata, got ${keys.join(', ')}`,
    );
}
