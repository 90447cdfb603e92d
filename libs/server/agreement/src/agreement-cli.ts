import type { MeasurementLevel } from '@clinrank/agreement';
import type { DataSource } from 'typeorm';
import { projectAgreementReport } from './project-agreement-report.js';

/** Options of `clinrank agreement` that only apply with --project. */
export interface ProjectAgreementExtras {
  criterion?: string;
  language?: string;
  specialty?: string;
  from?: string;
  to?: string;
}

interface OptionHost {
  name(): string;
  option(flags: string, description: string): OptionHost;
  opts(): Record<string, unknown>;
  commands: readonly OptionHost[];
}

type WithDatabase = <T>(run: (context: { dataSource: DataSource }) => Promise<T>) => Promise<T>;

/** Adds --criterion/--language/--specialty/--from/--to to the `agreement` command (they apply with --project). */
export function addProjectAgreementOptions(program: OptionHost): void {
  const command = agreementCommand(program);
  command
    .option('--criterion <name>', 'with --project: the criterion (default: overall, or the first rating criterion)')
    .option('--language <code>', 'with --project: only items in this language')
    .option('--specialty <name>', 'with --project: only items of this specialty')
    .option('--from <date>', 'with --project: only labels given at or after this date')
    .option('--to <date>', 'with --project: only labels given before this date');
}

/** The runner `registerAgreementCommand` calls for `--project SLUG`: computes the file-mode report from the database. */
export function projectAgreementRunner(program: OptionHost, withDatabase: WithDatabase) {
  return async (slug: string, options: { level: MeasurementLevel; rankings: boolean }): Promise<unknown> => {
    const extras = agreementCommand(program).opts() as ProjectAgreementExtras;
    return withDatabase(({ dataSource }) => projectAgreementReport(dataSource, slug, { ...options, ...pick(extras) }));
  };
}

function pick(extras: ProjectAgreementExtras): ProjectAgreementExtras {
  return {
    criterion: extras.criterion,
    language: extras.language,
    specialty: extras.specialty,
    from: extras.from,
    to: extras.to,
  };
}

function agreementCommand(program: OptionHost): OptionHost {
  const command = program.commands.find((candidate) => candidate.name() === 'agreement');
  if (!command) throw new Error('the agreement command must be registered before its project options');
  return command;
}
