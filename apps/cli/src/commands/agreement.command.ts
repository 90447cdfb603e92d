import type { Command } from 'commander';
import {
  agreementFromJsonLinesAsync,
  MEASUREMENT_LEVELS,
  rankingAgreementFromJsonLinesAsync,
  type MeasurementLevel,
} from '@clinrank/agreement';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { printJson } from '../cli-context.js';
import { parseChoice, UsageError } from '../cli-errors.js';

interface AgreementOptions {
  level: MeasurementLevel;
  input?: string;
  rankings?: boolean;
  project?: string;
}

function inputLines(path: string | undefined): AsyncIterable<string> {
  if (path && !existsSync(path)) throw new UsageError(`cannot read ${path}: no such file`);
  const stream = path ? createReadStream(path, { encoding: 'utf8' }) : process.stdin.setEncoding('utf8');
  return createInterface({ input: stream, crlfDelay: Infinity });
}

export type ProjectAgreementRunner = (
  slug: string,
  options: { level: MeasurementLevel; rankings: boolean },
) => Promise<unknown>;

export function registerAgreementCommand(program: Command, projectAgreement?: ProjectAgreementRunner) {
  program
    .command('agreement')
    .description(
      'inter-annotator agreement from JSON lines ({unit, coder, value} or, with --rankings, {item, coder, ranking}) or a project',
    )
    .option(
      '--level <level>',
      `measurement level: ${MEASUREMENT_LEVELS.join('|')}`,
      parseChoice('--level', MEASUREMENT_LEVELS),
      'nominal',
    )
    .option('--input <file>', 'JSON lines file (default: standard input)')
    .option('--rankings', 'input holds rankings: {"item", "coder", "ranking": [id, … best first]}')
    .option('--project <slug>', "compute on a project's labels in the database instead of a file")
    .action(async (options: AgreementOptions) => {
      if (options.project) {
        if (options.input) throw new UsageError('give either --project or --input, not both');
        if (!projectAgreement) throw new UsageError('--project needs the database-backed agreement service');
        printJson(await projectAgreement(options.project, { level: options.level, rankings: !!options.rankings }));
        return;
      }
      const lines = inputLines(options.input);
      printJson(
        options.rankings
          ? await rankingAgreementFromJsonLinesAsync(lines)
          : await agreementFromJsonLinesAsync(lines, { level: options.level }),
      );
    });
}
