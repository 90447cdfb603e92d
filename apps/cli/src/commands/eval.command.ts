import type { Command } from 'commander';
import {
  CAMPAIGN_SELECTIONS,
  CAMPAIGN_STRATEGIES,
  DEFAULT_CAMPAIGN_SELECTION,
  JUDGE_MODES,
  parsePredictionsJsonl,
  REPORT_GROUPINGS,
  scorePredictions,
  type JudgeMode,
  type ReportGrouping,
} from '@clinrank/eval-metrics';
import { existsSync, readFileSync } from 'node:fs';
import { printJson, withDatabase } from '../cli-context.js';
import { parseChoice, parseInteger, UsageError } from '../cli-errors.js';
import {
  bertScoreMode,
  printLatestBertScore,
  requestBertScore,
  scoreBertScoreFile,
  type BertScoreOptions,
} from './eval-bertscore.js';

const FORMATS = ['json', 'csv', 'md'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  project: string;
  criterion: string;
  by?: ReportGrouping;
  baseline?: string;
  judges: JudgeMode;
  bothBad: 'tie' | 'exclude';
  seed: number;
  resamples: number;
  leaderboard?: boolean;
  format: Format;
}

/** Prints a report: JSON without the export strings, or one of the ready-made CSV/Markdown texts. */
function printReport<T extends { csv: string; markdown: string }>(
  report: T,
  format: Format,
  texts: { csv?: string; md?: string } = {},
) {
  if (format === 'csv') process.stdout.write(texts.csv ?? report.csv);
  else if (format === 'md') process.stdout.write(texts.md ?? report.markdown);
  else {
    const { csv: _csv, markdown: _markdown, ...rest } = report as T & Record<string, unknown>;
    for (const key of ['leaderboardCsv', 'leaderboardMarkdown']) delete (rest as Record<string, unknown>)[key];
    printJson(rest);
  }
}

function registerReportCommand(evaluation: Command) {
  evaluation
    .command('report')
    .description(
      "a campaign's win/tie/lose table (Wilson intervals, sign test) and Bradley–Terry leaderboard from its labels",
    )
    .requiredOption(
      '--project <slug>',
      'campaign project (pairwise, ranking or rating, responses carrying their model)',
    )
    .option('--criterion <name>', 'criterion to report', 'overall')
    .option(
      '--by <grouping>',
      `break rows down by ${REPORT_GROUPINGS.join('|')}`,
      parseChoice('--by', REPORT_GROUPINGS),
    )
    .option('--baseline <model>', 'compare every model with this one (default: every pair of models)')
    .option(
      '--judges <mode>',
      `labels of automated judges: ${JUDGE_MODES.join('|')}`,
      parseChoice('--judges', JUDGE_MODES),
      'exclude',
    )
    .option(
      '--both-bad <policy>',
      'count "both bad" as tie|exclude',
      parseChoice('--both-bad', ['tie', 'exclude'] as const),
      'tie',
    )
    .option('--seed <n>', 'seed of the leaderboard bootstrap', parseInteger('--seed'), 1)
    .option('--resamples <n>', 'bootstrap resamples of items', parseInteger('--resamples'), 1000)
    .option('--leaderboard', 'with --format csv: print the leaderboard instead of the win/tie/lose table')
    .option('--format <format>', FORMATS.join('|'), parseChoice('--format', FORMATS), 'json')
    .action(async (options: ReportOptions) => {
      if (options.resamples < 1 || options.resamples > 10_000)
        throw new UsageError(`option --resamples must be from 1 to 10000, got ${options.resamples}`);
      const report = await withDatabase(({ services, actor }) =>
        services.evaluation.report(
          options.project,
          {
            criterion: options.criterion,
            baseline: options.baseline ?? null,
            groupBy: options.by ?? null,
            judges: options.judges,
            bothBad: options.bothBad,
            seed: options.seed,
            resamples: options.resamples,
          },
          actor,
        ),
      );
      const md = `## Win / tie / lose (${report.criterion})\n\n${report.markdown}\n## Leaderboard (Bradley–Terry, 95% bootstrap intervals)\n\n${report.leaderboardMarkdown}`;
      printReport(report, options.format, { csv: options.leaderboard ? report.leaderboardCsv : report.csv, md });
    });
}

function registerMetricsCommand(evaluation: Command) {
  evaluation
    .command('metrics')
    .description(
      'BLEU-1..4, GLEU and ROUGE-1/2/L of predictions against references: a JSON lines file (id, language, prediction, references) or every model of a project',
    )
    .option('--input <file>', 'predictions file')
    .option('--project <slug>', "score each model's answers in a project against its items' references")
    .option('--per-item', "with --input: also print each item's scores")
    .option('--format <format>', `with --project: ${FORMATS.join('|')}`, parseChoice('--format', FORMATS), 'json')
    .option('--language <code>', 'with --project: only items in this language (e.g. ar)')
    .action(
      async (options: { input?: string; project?: string; perItem?: boolean; format: Format; language?: string }) => {
        if (options.input && options.project) throw new UsageError('give either --input or --project, not both');
        if (options.project) {
          const slug = options.project;
          printReport(
            await withDatabase(({ services, actor }) =>
              services.evaluation.modelMetrics(slug, actor, options.language ?? null),
            ),
            options.format,
          );
          return;
        }
        if (!options.input) throw new UsageError('give --input FILE or --project SLUG');
        if (!existsSync(options.input)) throw new UsageError(`cannot read ${options.input}: no such file`);
        const { items, problems } = parsePredictionsJsonl(readFileSync(options.input, 'utf8'));
        if (problems.length) {
          for (const problem of problems)
            process.stderr.write(`${options.input}:${problem.line}: ${problem.message}\n`);
          throw new UsageError(`${problems.length} bad line(s) in ${options.input}; nothing was scored`);
        }
        const scores = scorePredictions(items);
        const { items: perItem, ...corpus } = scores;
        printJson(options.perItem ? scores : { ...corpus, items: perItem.length });
      },
    );
}

function registerValidationCommand(evaluation: Command) {
  evaluation
    .command('validation')
    .description(
      'synthetic-data validation: acceptance per generator with Wilson intervals, rejection reasons, agreement between validators',
    )
    .requiredOption('--project <slug>', 'validation project')
    .option('--format <format>', FORMATS.join('|'), parseChoice('--format', FORMATS), 'json')
    .action(async (options: { project: string; format: Format }) => {
      printReport(
        await withDatabase(({ services, actor }) => services.evaluation.validationReport(options.project, actor)),
        options.format,
      );
    });
}

function registerCampaignCommand(evaluation: Command) {
  evaluation
    .command('campaign')
    .description('set which model pairs a pairwise campaign shows and how the next one is chosen (audited)')
    .requiredOption('--project <slug>', 'pairwise project')
    .requiredOption(
      '--strategy <strategy>',
      CAMPAIGN_STRATEGIES.join('|'),
      parseChoice('--strategy', CAMPAIGN_STRATEGIES),
    )
    .option('--baseline <model>', 'the baseline model (baseline strategy)')
    .option(
      '--selection <selection>',
      `${CAMPAIGN_SELECTIONS.join('|')}: least-used pair per item, or pairs whose Bradley–Terry intervals overlap, top first`,
      parseChoice('--selection', CAMPAIGN_SELECTIONS),
      DEFAULT_CAMPAIGN_SELECTION,
    )
    .action(async (options: { project: string; strategy: string; baseline?: string; selection: string }) => {
      printJson(
        await withDatabase(({ services, actor }) =>
          services.evaluation.configureCampaign(
            options.project,
            options.strategy,
            options.baseline ?? null,
            actor,
            options.selection,
          ),
        ),
      );
    });
}

function registerBertScoreCommand(evaluation: Command) {
  evaluation
    .command('bertscore')
    .description(
      "BERTScore P/R/F1 per model: queue a run of a project's answers on a worker, print its latest results, or score a predictions file locally",
    )
    .option('--project <slug>', "queue a run of the project's model answers against their references (audited)")
    .option('--results', "with --project: print the project's latest succeeded run instead of queueing one")
    .option(
      '--input <file>',
      'score this predictions file (eval metrics lines, plus an optional "model") with the local trainer',
    )
    .option(
      '--encoder <path>',
      'local Hugging Face encoder checkpoint (default: the built-in random encoder, for tests)',
    )
    .option('--layer <n>', 'hidden-state layer, 0 = embeddings (default: last)', parseInteger('--layer'))
    .option('--gpus <n>', 'with --project: GPUs the run needs (default 0)', parseInteger('--gpus'))
    .option(
      '--wait',
      'with --project: wait for the run to end (a worker must be running: clinrank worker), then print its results',
    )
    .option(
      '--timeout <seconds>',
      'with --wait: give up waiting after this long (default 3600)',
      parseInteger('--timeout'),
    )
    .option(
      '--device <device>',
      'with --input: cpu or cuda (default cpu)',
      parseChoice('--device', ['cpu', 'cuda'] as const),
    )
    .option('--language <code>', "with --results or --wait: one language's rows")
    .option(
      '--format <format>',
      `with --results or --wait: ${FORMATS.join('|')} (default json)`,
      parseChoice('--format', FORMATS),
    )
    .action(async (options: BertScoreOptions) => {
      const mode = bertScoreMode(options);
      if (mode === 'input') await scoreBertScoreFile(options);
      else if (mode === 'results') await printLatestBertScore(options);
      else await requestBertScore(options);
    });
}

export function registerEvalCommands(program: Command) {
  const evaluation = program.command('eval').description('model evaluation');
  registerReportCommand(evaluation);
  registerMetricsCommand(evaluation);
  registerValidationCommand(evaluation);
  registerCampaignCommand(evaluation);
  registerBertScoreCommand(evaluation);
}
