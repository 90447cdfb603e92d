import { DomainError, ErrorCode } from '@clinrank/domain';

export const JOB_KINDS = ['reward_model', 'ppo', 'evaluate_reward_model', 'bertscore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const RUN_STATUSES = ['queued', 'claimed', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Where the job runs: how many GPUs per machine (0 = CPU) and how many machines (multi-node through accelerate). */
export interface Placement {
  gpus: number;
  nodes: number;
}

export interface RewardModelOptions {
  epochs?: number;
  seed?: number;
  lr?: number;
  batchSize?: number;
  maxLength?: number;
  layers?: number;
  dim?: number;
  centerRewardsCoef?: number;
  loggingSteps?: number;
  baseModel?: string;
  /** Which epoch's weights to save: the one with the lowest eval loss (default) or the last. */
  keep?: 'best' | 'last';
  /** Stop after this many epochs without a lower eval loss. */
  patience?: number;
}

export interface PpoOptions {
  steps?: number;
  seed?: number;
  batchSize?: number;
  klCoef?: number;
  adaptiveKl?: boolean;
  targetKl?: number;
  klHorizon?: number;
  lr?: number;
  maxNewTokens?: number;
  sftEpochs?: number;
  missingEosPenalty?: number;
  policy?: string;
}

export interface EvaluateOptions {
  seed?: number;
  batchSize?: number;
  maxLength?: number;
}

/** BERTScore of predictions against references; `input` is the JSON-lines file on the shared volume. */
export interface BertScoreOptions {
  input: string;
  encoder?: string;
  layer?: number;
  batchSize?: number;
  seed?: number;
}

export type JobSpec =
  | ({ kind: 'reward_model'; options: RewardModelOptions } & Placement)
  | ({ kind: 'ppo'; options: PpoOptions } & Placement)
  | ({ kind: 'evaluate_reward_model'; options: EvaluateOptions } & Placement)
  | ({ kind: 'bertscore'; options: BertScoreOptions } & Placement);

type Rule =
  | { type: 'int'; min: number; max?: number }
  | { type: 'number'; min: number; exclusiveMin?: boolean }
  | { type: 'bool' }
  | { type: 'path' }
  | { type: 'choice'; values: readonly string[] };

/** Every option a kind accepts, with its bounds (they mirror the trainer's argparse checks). */
export const OPTION_RULES: Record<JobKind, Record<string, Rule>> = {
  reward_model: {
    epochs: { type: 'int', min: 1, max: 1000 },
    seed: { type: 'int', min: 0 },
    lr: { type: 'number', min: 0, exclusiveMin: true },
    batchSize: { type: 'int', min: 1 },
    maxLength: { type: 'int', min: 8 },
    layers: { type: 'int', min: 0, max: 48 },
    dim: { type: 'int', min: 1 },
    centerRewardsCoef: { type: 'number', min: 0 },
    loggingSteps: { type: 'int', min: 1 },
    baseModel: { type: 'path' },
    keep: { type: 'choice', values: ['best', 'last'] },
    patience: { type: 'int', min: 1 },
  },
  ppo: {
    steps: { type: 'int', min: 1, max: 100000 },
    seed: { type: 'int', min: 0 },
    batchSize: { type: 'int', min: 1 },
    klCoef: { type: 'number', min: 0 },
    adaptiveKl: { type: 'bool' },
    targetKl: { type: 'number', min: 0, exclusiveMin: true },
    klHorizon: { type: 'int', min: 1 },
    lr: { type: 'number', min: 0, exclusiveMin: true },
    maxNewTokens: { type: 'int', min: 1 },
    sftEpochs: { type: 'int', min: 0 },
    missingEosPenalty: { type: 'number', min: 0 },
    policy: { type: 'path' },
  },
  evaluate_reward_model: {
    seed: { type: 'int', min: 0 },
    batchSize: { type: 'int', min: 1 },
    maxLength: { type: 'int', min: 8 },
  },
  bertscore: {
    input: { type: 'path' },
    encoder: { type: 'path' },
    layer: { type: 'int', min: 0, max: 256 },
    batchSize: { type: 'int', min: 1 },
    seed: { type: 'int', min: 0 },
  },
};

/** Options a kind cannot run without. */
const REQUIRED_OPTIONS: Partial<Record<JobKind, string[]>> = { bertscore: ['input'] };

function bad(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field} ${message}`, field);
}

function checkOption(field: string, value: unknown, rule: Rule): unknown {
  switch (rule.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        bad(field, `must be a whole number, got ${JSON.stringify(value)}`);
      if (value < rule.min || (rule.max !== undefined && value > rule.max))
        bad(field, `must be between ${rule.min} and ${rule.max ?? '∞'}, got ${value}`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        bad(field, `must be a finite number, got ${JSON.stringify(value)}`);
      if (rule.exclusiveMin ? value <= rule.min : value < rule.min)
        bad(field, `must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min}, got ${value}`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') bad(field, `must be true or false, got ${JSON.stringify(value)}`);
      return value;
    case 'path':
      if (typeof value !== 'string' || value.trim() === '' || value.includes('\0'))
        bad(field, 'must be a non-empty path');
      return value;
    case 'choice':
      if (typeof value !== 'string' || !rule.values.includes(value))
        bad(field, `must be one of ${rule.values.join(', ')}, got ${JSON.stringify(value)}`);
      return value;
  }
}

/** Validates trainer options for a kind; unknown options and out-of-range values throw BadUserInput naming the option. */
export function validateOptions(kind: JobKind, raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) bad('options', 'must be an object');
  const rules = OPTION_RULES[kind];
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const rule = rules[name];
    if (!rule) bad(`options.${name}`, `is not an option of ${kind} (known: ${Object.keys(rules).join(', ')})`);
    if (value === undefined || value === null) continue;
    options[name] = checkOption(`options.${name}`, value, rule);
  }
  for (const name of REQUIRED_OPTIONS[kind] ?? [])
    if (options[name] === undefined) bad(`options.${name}`, `is required for ${kind}`);
  return options;
}

/** Validates a whole job spec (kind, placement, options) as stored in training_runs.config. */
export function validateJobSpec(raw: unknown): JobSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad('spec', 'must be an object');
  const input = raw as Record<string, unknown>;
  if (!JOB_KINDS.includes(input.kind as JobKind))
    bad('kind', `must be one of ${JOB_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`);
  const kind = input.kind as JobKind;
  const gpus = input.gpus ?? 0;
  const nodes = input.nodes ?? 1;
  checkOption('gpus', gpus, { type: 'int', min: 0, max: 64 });
  checkOption('nodes', nodes, { type: 'int', min: 1, max: 64 });
  if ((nodes as number) > 1 && gpus === 0) bad('nodes', 'above 1 needs gpus of at least 1 per node');
  return {
    kind,
    gpus: gpus as number,
    nodes: nodes as number,
    options: validateOptions(kind, input.options),
  } as JobSpec;
}
