import type { Command } from 'commander';
import { DEFAULT_OVERLAP_CONFIDENCE, OVERLAP_CRITERIA, type OverlapCriteria } from '@clinrank/agreement';
import { parseScale, QUEUE_ORDERS, TASK_KINDS, type QueueOrder, type TaskKind } from '@clinrank/domain';
import { readFileSync } from 'node:fs';
import { printJson, withDatabase } from '../cli-context.js';
import { parseChoice, parseFraction, parseInteger, parseList, UsageError } from '../cli-errors.js';

interface CreateOptions {
  slug: string;
  name: string;
  kind: TaskKind;
  scale?: string;
  overlap?: number;
  overlapMin?: number;
  overlapMax?: number;
  confidence?: number;
  overlapCriteria?: OverlapCriteria;
  goldRate?: number;
  leaseSeconds?: number;
  criteria?: string[];
  languages?: string[];
  specialties?: string[];
  allowTies?: boolean;
  maxResponses?: number;
  requireRationale?: boolean;
  guidelines?: string;
  queueOrder?: QueueOrder;
  json?: boolean;
}

const QUEUE_ORDER_FLAG = '--queue-order <order>';
const QUEUE_ORDER_HELP =
  'fixed (default) or uncertainty: serve first the items the latest reward model is least sure about';

/** --overlap-min/--overlap-max/--confidence: adaptive overlap (all optional but --overlap-max, which turns it on). */
function adaptiveOption(options: CreateOptions) {
  const { overlap, overlapMin, overlapMax, confidence, overlapCriteria } = options;
  if (overlapMax === undefined) {
    if (overlapMin !== undefined || confidence !== undefined || overlapCriteria !== undefined)
      throw new UsageError('--overlap-min, --confidence and --overlap-criteria need --overlap-max (adaptive overlap)');
    return {};
  }
  if (overlap !== undefined)
    throw new UsageError(
      '--overlap is fixed overlap; adaptive overlap takes --overlap-min, --overlap-max, --confidence',
    );
  return {
    adaptiveOverlap: {
      min: overlapMin ?? Math.min(2, overlapMax),
      max: overlapMax,
      confidence: confidence ?? DEFAULT_OVERLAP_CONFIDENCE,
      criteria: overlapCriteria ?? 'overall',
    },
  };
}

function scaleOption(text: string | undefined) {
  if (!text) return {};
  try {
    const scale = parseScale(text);
    return { scaleMin: scale.min, scaleMax: scale.max };
  } catch (error) {
    throw new UsageError(`option --scale ${(error as Error).message}`);
  }
}

function overlapText(project: { overlap: number; overlapMax: number | null; overlapConfidence: number | null }) {
  return project.overlapMax === null
    ? `overlap ${project.overlap}`
    : `overlap ${project.overlap}–${project.overlapMax} at confidence ${project.overlapConfidence}`;
}

export function registerProjectCommands(program: Command) {
  const projects = program.command('projects').description('labelling projects');
  projects
    .command('create')
    .description('create a labelling project')
    .requiredOption('--slug <slug>', 'short id used in URLs and commands')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', `task kind: ${TASK_KINDS.join('|')}`, parseChoice('--kind', TASK_KINDS))
    .option('--scale <min-max>', 'rating scale, e.g. 1-5')
    .option('--overlap <n>', 'distinct annotators per item (fixed overlap, default 3)', parseInteger('--overlap'))
    .option(
      '--overlap-min <n>',
      'adaptive overlap: annotators every item gets first (default 2)',
      parseInteger('--overlap-min'),
    )
    .option(
      '--overlap-max <n>',
      'adaptive overlap: at most this many annotators per item',
      parseInteger('--overlap-max'),
    )
    .option(
      '--confidence <p>',
      `adaptive overlap: posterior probability that closes an item (default ${DEFAULT_OVERLAP_CONFIDENCE})`,
      parseFraction('--confidence'),
    )
    .option(
      '--overlap-criteria <which>',
      `adaptive overlap: ${OVERLAP_CRITERIA.join('|')}, the criteria that must reach the confidence (default overall)`,
      parseChoice('--overlap-criteria', OVERLAP_CRITERIA),
    )
    .option('--gold-rate <fraction>', 'share of tasks drawn from gold items', parseFraction('--gold-rate'))
    .option('--lease-seconds <n>', 'how long a task stays reserved', parseInteger('--lease-seconds'))
    .option('--criteria <list>', 'comma-separated criteria (default accuracy,helpfulness,safety)', parseList)
    .option('--languages <codes>', 'comma-separated language codes', parseList)
    .option('--specialties <list>', 'comma-separated specialties', parseList)
    .option('--allow-ties', 'allow ties in rankings')
    .option(
      '--max-responses <n>',
      'responses clinicians label per item (default 20, ranking 9); fully annotated imports may have up to 200',
      parseInteger('--max-responses'),
    )
    .option('--require-rationale', 'require a rationale with every label')
    .option('--guidelines <file>', 'markdown guidelines file')
    .option(QUEUE_ORDER_FLAG, QUEUE_ORDER_HELP, parseChoice('--queue-order', QUEUE_ORDERS))
    .option('--json', 'print the project as JSON')
    .action(async (options: CreateOptions) => {
      const guidelines = options.guidelines ? readFileSync(options.guidelines, 'utf8') : undefined;
      await withDatabase(async ({ services, actor }) => {
        const {
          scale: _scale,
          json: _json,
          guidelines: _file,
          maxResponses,
          overlapMin: _min,
          overlapMax: _max,
          confidence: _confidence,
          overlapCriteria: _criteria,
          ...rest
        } = options;
        const project = await services.projects.create(
          {
            ...rest,
            ...adaptiveOption(options),
            maxResponsesPerItem: maxResponses,
            ...scaleOption(options.scale),
            guidelines,
          },
          actor,
        );
        if (options.json) printJson(project);
        else process.stdout.write(`created project ${project.slug} (${project.kind}, ${overlapText(project)})\n`);
      });
    });
  projects
    .command('update <slug>')
    .description("change a project's settings")
    .option(QUEUE_ORDER_FLAG, QUEUE_ORDER_HELP, parseChoice('--queue-order', QUEUE_ORDERS))
    .option('--json', 'print the project as JSON')
    .action(async (slug: string, options: { queueOrder?: QueueOrder; json?: boolean }) => {
      if (options.queueOrder === undefined) throw new UsageError('nothing to change: give --queue-order');
      await withDatabase(async ({ services, actor }) => {
        const before = await services.projects.get(slug);
        const project = await services.projects.update(before.id, { queueOrder: options.queueOrder }, actor);
        if (options.json) printJson(project);
        else process.stdout.write(`updated project ${project.slug} (queue order ${project.queueOrder})\n`);
      });
    });
  projects
    .command('list')
    .description('list projects')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ services }) => {
        const list = await services.projects.list();
        if (options.json) {
          printJson(list.map(({ settings: _settings, ...project }) => project));
          return;
        }
        if (list.length === 0) process.stdout.write('no projects (create one with `clinrank projects create`)\n');
        for (const project of list)
          process.stdout.write(
            `${project.slug}\t${project.kind}\t${overlapText(project)}\t${project.locked ? 'locked' : 'open'}\t${project.name}\n`,
          );
      });
    });
  for (const [name, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    projects
      .command(`${name} <slug>`)
      .description(locked ? 'stop annotators from editing labels' : 'allow edits again')
      .action(async (slug: string) => {
        await withDatabase(async ({ services, actor }) => {
          const project = await services.projects.get(slug);
          await services.projects.setLocked(project.id, locked, actor);
          process.stdout.write(`${slug} ${locked ? 'locked' : 'unlocked'}\n`);
        });
      });
  }
}
