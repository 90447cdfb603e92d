import type { Command } from 'commander';
import { DomainError } from '@clinrank/domain';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { printJson, withDatabase } from '../cli-context.js';
import { parseInteger, UsageError } from '../cli-errors.js';
import { placeOutput } from './export-output.js';
import { progressReporter } from '../progress-reporter.js';

interface ExportCliOptions {
  project: string;
  out?: string;
  name?: string;
  format?: string;
  policy?: string;
  criterion?: string;
  ties?: string;
  ignoreAdjudications?: boolean;
  minLabels?: string;
  minAgreement?: string;
  excludeFlags?: string;
  flagRule?: string;
  where: string[];
  split?: string;
  seed?: string;
  stratify?: string;
  parquet?: boolean;
  acceptedOnly?: boolean;
  allProposals?: boolean;
  chat?: boolean;
  promptKey?: string;
  chosenKey?: string;
  rejectedKey?: string;
  includeGold?: boolean;
  excludeGold?: boolean;
  goldOnly?: boolean;
  since?: string;
  until?: string;
  guidelineVersion?: string;
  metadata: boolean;
  margin?: string;
  scale?: string;
  desirableMin?: string;
  weightByGold?: boolean;
  batchSize?: number;
}

/** Library option → the CLI flag that sets it, so a refused option is reported under the name the user typed. */
const FLAG_OF: Record<string, string> = {
  format: '--format',
  policy: '--policy',
  criterion: '--criterion',
  ties: '--ties',
  ignoreAdjudications: '--ignore-adjudications',
  minLabelsPerItem: '--min-labels',
  minAgreement: '--min-agreement',
  excludeFlags: '--exclude-flags',
  flagRule: '--flag-rule',
  where: '--where',
  split: '--split',
  seed: '--seed',
  stratify: '--stratify',
  parquet: '--parquet',
  acceptedOnly: '--accepted-only',
  chat: '--chat',
  promptKey: '--prompt-key',
  chosenKey: '--chosen-key',
  rejectedKey: '--rejected-key',
  gold: '--include-gold/--exclude-gold/--gold-only',
  labelsFrom: '--since',
  labelsTo: '--until',
  minGuidelineVersion: '--guideline-version',
  maxGuidelineVersion: '--guideline-version',
  metadata: '--no-metadata',
  noMetadata: '--no-metadata',
  margin: '--margin',
  scale: '--scale',
  desirableMin: '--desirable-min',
  weightByGoldAccuracy: '--weight-by-gold',
  annotatorWeights: '--weight-by-gold',
  request: '--format',
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the library's raw request from the CLI flags (only the flags given; the library fills the defaults). */
export function requestFromFlags(options: ExportCliOptions): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => value !== undefined && (raw[key] = value);
  set('format', options.format);
  set('policy', options.policy);
  set('criterion', options.criterion);
  set('ties', options.ties);
  if (options.ignoreAdjudications) raw.ignoreAdjudications = true;
  set('minLabelsPerItem', options.minLabels);
  set('minAgreement', options.minAgreement);
  set('excludeFlags', options.excludeFlags);
  set('flagRule', options.flagRule);
  if (options.where.length) raw.where = options.where;
  set('split', options.split);
  set('seed', options.seed);
  set('stratify', options.stratify);
  if (options.parquet) raw.parquet = true;
  if (options.acceptedOnly && options.allProposals)
    throw new UsageError('option --accepted-only contradicts --all-proposals');
  if (options.acceptedOnly) raw.acceptedOnly = true;
  if (options.allProposals) raw.acceptedOnly = false;
  if (options.chat) raw.chat = true;
  set('promptKey', options.promptKey);
  set('chosenKey', options.chosenKey);
  set('rejectedKey', options.rejectedKey);
  const gold = [options.includeGold && 'include', options.excludeGold && 'exclude', options.goldOnly && 'only'].filter(
    Boolean,
  );
  if (gold.length > 1) throw new UsageError('give only one of --include-gold, --exclude-gold, --gold-only');
  if (gold.length) raw.gold = gold[0];
  set('labelsFrom', options.since);
  set('labelsTo', options.until);
  if (options.guidelineVersion !== undefined) Object.assign(raw, guidelineRange(options.guidelineVersion));
  if (!options.metadata) raw.noMetadata = true;
  set('margin', options.margin);
  set('scale', options.scale);
  set('desirableMin', options.desirableMin);
  return raw;
}

/** `--guideline-version 3` (exactly), `2-4`, `2-` or `-4`. */
function guidelineRange(value: string): { minGuidelineVersion?: string; maxGuidelineVersion?: string } {
  const match = /^(\d*)(-?)(\d*)$/.exec(value.trim());
  if (!match || (!match[1] && !match[3]))
    throw new UsageError(`option --guideline-version must be N, MIN-MAX, MIN- or -MAX, got "${value}"`);
  if (!match[2]) return { minGuidelineVersion: match[1], maxGuidelineVersion: match[1] };
  return {
    ...(match[1] ? { minGuidelineVersion: match[1] } : {}),
    ...(match[3] ? { maxGuidelineVersion: match[3] } : {}),
  };
}

/** Rethrows a refused request option as a usage error naming the CLI flag. */
function asUsageError(error: unknown): never {
  if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') {
    const flag = error.field ? FLAG_OF[error.field] : undefined;
    throw new UsageError(flag ? `option ${flag}: ${error.message}` : error.message);
  }
  throw error;
}

function assertFreshOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new UsageError(`option --out: ${out} already exists and is not empty; snapshots are never overwritten`);
}

export function registerExportCommand(program: Command) {
  program
    .command('export')
    .description("export a project's labels as a preference dataset snapshot (TRL, OpenRLHF, KTO, ranking, raw, SFT)")
    .requiredOption('--project <slug>', 'project to export')
    .option('--out <dir>', 'also copy the snapshot folder here (must be new or empty)')
    .option('--name <name>', 'snapshot name (recorded in the manifest)')
    .option('--format <format>', 'trl | trl-conversational | kto | openrlhf | ranking | raw | sft (default trl)')
    .option(
      '--policy <policy>',
      'per-annotator | majority | unanimous | bradley-terry | dawid-skene (default majority)',
    )
    .option('--criterion <criterion>', 'criterion pairs come from (default overall)')
    .option('--ties <mode>', 'drop | keep (default drop)')
    .option('--ignore-adjudications', "use the clinicians' votes only, even where a lead adjudicated the item")
    .option('--min-labels <n>', 'minimum labels per item (default 1)')
    .option('--min-agreement <share>', 'minimum share of the most common outcome per pair, 0..1 (default 0)')
    .option('--exclude-flags <flags>', 'drop items whose labels carry these flags, e.g. unsafe,contains_phi')
    .option('--flag-rule <rule>', 'any | majority: how many labels must carry an excluded flag (default any)')
    .option(
      '--where <expr>',
      'filter field=v1,v2 or field!=v on language, specialty, source, model, generator, annotatorKind (repeatable)',
      collect,
      [],
    )
    .option('--split <fractions>', 'train,validation,test fractions (default 0.8,0.1,0.1)')
    .option('--seed <seed>', 'split seed (default clinrank)')
    .option('--stratify <fields>', 'salt the split by language,specialty')
    .option('--parquet', 'also write train/validation/test.parquet')
    .option('--accepted-only', 'validation projects: only accepted or fixed proposals (the default)')
    .option('--all-proposals', 'validation projects: every proposal as generated (unvalidated baseline)')
    .option('--chat', 'openrlhf: chosen/rejected as message lists for --apply_chat_template (no prompt key)')
    .option('--prompt-key <key>', 'openrlhf prompt key')
    .option('--chosen-key <key>', 'openrlhf chosen key')
    .option('--rejected-key <key>', 'openrlhf rejected key')
    .option('--include-gold', 'keep gold items (the default)')
    .option('--exclude-gold', 'leave gold items out')
    .option('--gold-only', 'export only gold items')
    .option('--since <iso>', 'labels created at or after this instant')
    .option('--until <iso>', 'labels created before this instant')
    .option('--guideline-version <range>', 'labels under guideline version N, MIN-MAX, MIN- or -MAX')
    .option('--no-metadata', 'leave out the provenance metadata object (strict trainers)')
    .option(
      '--margin <kind>',
      'none | votes | probability: the margin column of trl/openrlhf pairs, which TRL applies automatically (default none)',
    )
    .option('--scale <min-max>', "rating scale (default: the project's)")
    .option(
      '--desirable-min <n>',
      'KTO from ratings: the lowest mean rating that is desirable (default: above the middle of the scale)',
    )
    .option('--weight-by-gold', 'bradley-terry: weight annotators by their smoothed gold accuracy')
    .option('--batch-size <n>', 'rows per database fetch', parseInteger('--batch-size'))
    .action(async (options: ExportCliOptions) => {
      const out = options.out ? resolve(options.out) : null;
      if (out) assertFreshOut(out);
      if (options.batchSize !== undefined && (options.batchSize < 1 || options.batchSize > 100_000))
        throw new UsageError('option --batch-size must be between 1 and 100000');
      const raw = requestFromFlags(options);
      await withDatabase(async ({ services, actor }) => {
        const project = await services.datasets.project({ slug: options.project }).catch((error) => {
          throw error instanceof DomainError && error.code === 'NOT_FOUND'
            ? new UsageError(`option --project: no project "${options.project}"`)
            : error;
        });
        const exportOptions = {
          name: options.name ?? null,
          weightByGoldAccuracy: !!options.weightByGold,
          batchSize: options.batchSize,
          beforeRegister: out ? (directory: string) => placeOutput(directory, out) : undefined,
        };
        let request;
        try {
          request = services.datasets.buildRequest(project, raw, exportOptions);
        } catch (error) {
          asUsageError(error);
        }
        const progress = progressReporter('exporting items');
        let snapshot;
        try {
          snapshot = await services.datasets
            .exportProject(project, request, { ...exportOptions, onProgress: progress.update }, actor)
            .catch((error: Error) => {
              if (out && !(error instanceof UsageError) && existsSync(out))
                throw new Error(`${error.message}; ${out} holds the exported files, but no snapshot was registered`);
              throw error;
            });
        } finally {
          progress.end();
        }
        const manifest = snapshot.manifest as { counts: { itemsExported: number; splits: unknown }; files: unknown };
        printJson({
          id: snapshot.id,
          directory: snapshot.directory,
          out,
          itemsExported: manifest.counts.itemsExported,
          splits: manifest.counts.splits,
          files: manifest.files,
        });
      });
    });
}
