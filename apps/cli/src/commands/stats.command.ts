import type { Command } from 'commander';
import { printJson, withDatabase } from '../cli-context.js';

export function registerStatsCommand(program: Command) {
  program
    .command('stats')
    .description('counts for a project: items, responses, labels, complete items, labels per annotator')
    .requiredOption('--project <slug>', 'project slug')
    .option('--json', 'print JSON')
    .action(async (options: { project: string; json?: boolean }) => {
      await withDatabase(async ({ services }) => {
        const project = await services.projects.get(options.project);
        const progress = await services.progress.projectProgress(project.id);
        const stats = {
          project: project.slug,
          items: progress.items,
          responses: progress.responses,
          labels: progress.labels,
          completeItems: progress.completeItems,
          labelsPerAnnotator: Object.fromEntries(
            progress.annotators.map((annotator) => [annotator.username, annotator.labels]),
          ),
        };
        if (options.json) printJson(stats);
        else
          process.stdout.write(
            `${stats.project}: ${stats.items} items, ${stats.responses} responses, ${stats.labels} labels, ${stats.completeItems} complete\n`,
          );
      });
    });
}
