import { type Command, CommanderError } from 'commander';
import { CliCommand } from './cli-command.js';
import { EXIT, reportError } from './cli-errors.js';
import { addProjectAgreementOptions, projectAgreementRunner } from '@clinrank/server-agreement';
import { withDatabase } from './cli-context.js';
import { registerAgreementCommand } from './commands/agreement.command.js';
import { registerDbCommands } from './commands/db.command.js';
import { registerEvalCommands } from './commands/eval.command.js';
import { registerExportCommand } from './commands/export.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerProjectCommands } from './commands/projects.command.js';
import { registerSimulateCommands } from './commands/simulate.command.js';
import { registerStatsCommand } from './commands/stats.command.js';
import { registerUserCommands } from './commands/users.command.js';
import { registerTrainCommands } from './commands/train.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new CliCommand('clinrank')
    .description(
      "clinrank: clinicians' preferences between LLM answers, turned into datasets, reward models and PPO runs",
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerDbCommands(program);
  registerUserCommands(program);
  registerProjectCommands(program);
  registerImportCommand(program, setExitCode);
  registerStatsCommand(program);
  registerAgreementCommand(program, projectAgreementRunner(program, withDatabase));
  addProjectAgreementOptions(program);
  registerEvalCommands(program);
  registerExportCommand(program);
  registerWorkerCommand(program);
  registerTrainCommands(program, setExitCode);
  registerSimulateCommands(program);
  for (const command of allCommands(program)) command.exitOverride();
  return program;
}

function* allCommands(command: Command): Generator<Command> {
  for (const child of command.commands) {
    yield child;
    yield* allCommands(child);
  }
}

/** Runs the CLI and resolves to its exit code: 0 ok, 1 failure (or rejected import lines), 2 wrong usage. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error);
  }
}
