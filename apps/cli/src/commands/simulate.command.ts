import type { Command } from 'commander';
import { DEFAULT_OVERLAP_CONFIDENCE } from '@clinrank/agreement';
import {
  LABELLING_STRATEGIES,
  readRatedItems,
  simulateCampaign,
  simulateLabelling,
  SIMULATED_CAMPAIGN_STRATEGIES,
  type CampaignStrategy,
  type LabellingStrategy,
} from '@clinrank/simulation';
import { existsSync, readFileSync } from 'node:fs';
import { printJson } from '../cli-context.js';
import { parseChoice, parseInteger, UsageError } from '../cli-errors.js';

interface LabellingOptions {
  input: string;
  pairsPerItem: number;
  annotatorAccuracy: number[];
  strategy: LabellingStrategy;
  overlap?: number;
  overlapMin?: number;
  overlapMax?: number;
  confidence?: number;
  seed: number;
}

interface CampaignOptions {
  models: number;
  votes: number;
  strategy: CampaignStrategy;
  seed: number;
  resamples: number;
}

/** "0.9,0.85,0.8": one probability per simulated annotator. */
function parseAccuracies(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  for (const part of parts) {
    const number = Number(part);
    if (part === '' || !Number.isFinite(number) || number < 0 || number > 1) {
      throw new UsageError(
        `option --annotator-accuracy must list probabilities from 0 to 1 separated by commas (e.g. 0.9,0.85,0.8), got "${part}" in "${value}"`,
      );
    }
  }
  return parts.map(Number);
}

function parseProbability(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !(number > 0 && number < 1))
      throw new UsageError(`option ${name} must be a number strictly between 0 and 1, got "${value}"`);
    return number;
  };
}

function parsePositive(name: string) {
  const integer = parseInteger(name);
  return (value: string): number => {
    const number = integer(value);
    if (number < 1) throw new UsageError(`option ${name} must be a whole number ≥ 1, got "${value}"`);
    return number;
  };
}

/** Strategy options belong to one strategy: name the stray one instead of ignoring it. */
function requireStrategyOptions(options: LabellingOptions): void {
  const adaptiveOnly = (['overlapMin', 'overlapMax', 'confidence'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (options.strategy === 'fixed' && adaptiveOnly.length > 0)
    throw new UsageError(`--overlap-min, --overlap-max and --confidence go with --strategy adaptive, not fixed`);
  if (options.strategy === 'adaptive' && options.overlap !== undefined)
    throw new UsageError(
      '--overlap goes with --strategy fixed; adaptive takes --overlap-min, --overlap-max and --confidence',
    );
}

function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new UsageError(`cannot read ${path}: no such file`);
  return readFileSync(path);
}

export function registerSimulateCommands(program: Command) {
  const simulate = program
    .command('simulate')
    .description(
      'replay judgements with simulated annotators or models, through the same queue and aggregation code the server uses',
    );
  simulate
    .command('labelling')
    .description(
      'pairwise labelling of rated responses by simulated annotators: fixed overlap (majority) or adaptive overlap (Dawid–Skene)',
    )
    .requiredOption(
      '--input <file>',
      'import-format JSONL whose every response has a rating annotation on "overall" (the truth)',
    )
    .option(
      '--pairs-per-item <k>',
      'pairs of responses with different ratings drawn per item',
      parsePositive('--pairs-per-item'),
      3,
    )
    .requiredOption(
      '--annotator-accuracy <list>',
      'one simulated annotator per value: P(choosing the truly better response), e.g. 0.9,0.85,0.8,0.75,0.6',
      parseAccuracies,
    )
    .option(
      '--strategy <strategy>',
      LABELLING_STRATEGIES.join('|'),
      parseChoice('--strategy', LABELLING_STRATEGIES),
      'fixed',
    )
    .option('--overlap <n>', 'fixed: annotators per pair (default 3)', parsePositive('--overlap'))
    .option('--overlap-min <n>', 'adaptive: annotators every pair gets (default 2)', parsePositive('--overlap-min'))
    .option(
      '--overlap-max <n>',
      'adaptive: annotators a pair may get at most (default 5)',
      parsePositive('--overlap-max'),
    )
    .option(
      '--confidence <p>',
      `adaptive: posterior probability that closes a pair (default ${DEFAULT_OVERLAP_CONFIDENCE})`,
      parseProbability('--confidence'),
    )
    .option('--seed <n>', 'seed of the pairs, the annotator order and their answers', parseInteger('--seed'), 1)
    .action((options: LabellingOptions) => {
      requireStrategyOptions(options);
      const items = readRatedItems(readInput(options.input));
      const adaptive = {
        min: options.overlapMin ?? 2,
        max: options.overlapMax ?? 5,
        confidence: options.confidence ?? DEFAULT_OVERLAP_CONFIDENCE,
      };
      printJson(
        simulateLabelling(items, {
          pairsPerItem: options.pairsPerItem,
          annotatorAccuracy: options.annotatorAccuracy,
          strategy: options.strategy,
          overlap: options.overlap ?? 3,
          adaptive,
          seed: options.seed,
        }),
      );
    });
  simulate
    .command('campaign')
    .description(
      'an evaluation campaign between models of known strength (log-strengths 0 … 1.8, the top three close): uniform or active pair choice',
    )
    .option('--models <n>', 'models, 2 to 8: the strongest of the eight', parseInteger('--models'), 8)
    .requiredOption('--votes <n>', 'pairwise votes to simulate', parsePositive('--votes'))
    .option(
      '--strategy <strategy>',
      SIMULATED_CAMPAIGN_STRATEGIES.join('|'),
      parseChoice('--strategy', SIMULATED_CAMPAIGN_STRATEGIES),
      'uniform',
    )
    .option('--seed <n>', 'seed of the votes and the bootstrap', parseInteger('--seed'), 1)
    .option('--resamples <n>', 'bootstrap resamples of the final intervals', parsePositive('--resamples'), 1000)
    .action((options: CampaignOptions) => {
      if (options.models < 2 || options.models > 8)
        throw new UsageError(`option --models must be from 2 to 8, got ${options.models}`);
      printJson(
        simulateCampaign({
          models: options.models,
          votes: options.votes,
          strategy: options.strategy,
          seed: options.seed,
          resamples: options.resamples,
        }),
      );
    });
}
