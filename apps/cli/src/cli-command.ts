import { Command, type Option, type ParseOptionsResult } from 'commander';

interface CommanderInternals {
  missingMandatoryOptionValue(option: Option): void;
  unknownOption(flag: string): void;
}

/**
 * A commander command that reports a mistyped option before a missing required one: in `export --projct x` the
 * mistake is `--projct`, so the error names it (with commander's "did you mean --project?") instead of `--project`.
 */
export class CliCommand extends Command {
  private unknownFlag: string | undefined;

  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(argv);
    this.unknownFlag = parsed.unknown[0]?.startsWith('-') ? parsed.unknown[0] : undefined;
    return parsed;
  }

  /** Called by commander for each required option left unset; an unknown option, when there is one, is the better error. */
  missingMandatoryOptionValue(option: Option): void {
    const internals = Command.prototype as unknown as CommanderInternals;
    if (this.unknownFlag) internals.unknownOption.call(this, this.unknownFlag);
    internals.missingMandatoryOptionValue.call(this, option);
  }
}
