import type { Command } from 'commander';
import { parsePredictionsJsonl, scorePredictions } from '@clinrank/eval-metrics';
import { existsSync, readFileSync } from 'node:fs';
import { printJson } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';

export function registerEvalCommands(program: Command) {
  const evaluation = program.command('eval').description('model evaluation');
  evaluation
    .command('metrics')
    .description('BLEU-1..4, GLEU and ROUGE-1/2/L of predictions against references (JSON lines: id, language, prediction, references)')
    .requiredOption('--input <file>', 'predictions file')
    .option('--per-item', 'also print each item\'s scores')
    .action(async (options: { input: string; perItem?: boolean }) => {
      if (!existsSync(options.input)) throw new UsageError(`cannot read ${options.input}: no such file`);
      const { items, problems } = parsePredictionsJsonl(readFileSync(options.input, 'utf8'));
      if (problems.length) {
        for (const problem of problems) process.stderr.write(`${options.input}:${problem.line}: ${problem.message}\n`);
        throw new UsageError(`${problems.length} bad line(s) in ${options.input}; nothing was scored`);
      }
      const scores = scorePredictions(items);
      const { items: perItem, ...corpus } = scores;
      printJson(options.perItem ? scores : { ...corpus, items: perItem.length });
    });
}
