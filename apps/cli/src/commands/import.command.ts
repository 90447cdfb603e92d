import type { Command } from 'commander';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { printJson, withDatabase } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import { throughputReporter } from '../progress-reporter.js';
import { assertProjectKindSupportsImport } from '@clinrank/server-item';

export function registerImportCommand(program: Command, setExitCode: (code: number) => void) {
  program
    .command('import <file>')
    .description('import items (and optional existing annotations) from a JSONL file')
    .requiredOption('--project <slug>', 'target project')
    .option('--strict', 'import nothing if any line is bad')
    .option('--json', 'print the full report as JSON')
    .action(async (file: string, options: { project: string; strict?: boolean; json?: boolean }) => {
      if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
      await withDatabase(async ({ services, actor }) => {
        const project = await services.projects.get(options.project);
        assertProjectKindSupportsImport(project);
        // Streamed: the file is read, validated and staged a batch at a time, never held whole in memory.
        const progress = throughputReporter('importing', statSync(file).size);
        let read = { lines: 0, bytes: 0 };
        const report = await services.imports.importStream(
          project,
          createReadStream(file),
          { strict: !!options.strict },
          actor,
          ({ lines, bytes }) => {
            read = { lines, bytes };
            progress.update(lines, bytes);
          },
        );
        progress.end(read.lines, read.bytes);
        if (options.json) printJson(report);
        else {
          for (const problem of report.problems)
            process.stderr.write(`${file}:${problem.line}: ${problem.field}: ${problem.reason}\n`);
          const note = report.strict && report.rejected ? ' (strict: nothing was imported)' : '';
          process.stdout.write(
            `imported ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}; ${report.labelsImported} labels${note}\n`,
          );
        }
        if (report.rejected > 0) setExitCode(1);
      });
    });
}
