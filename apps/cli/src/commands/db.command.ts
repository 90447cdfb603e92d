import type { Command } from 'commander';
import { withDatabase } from '../cli-context.js';

export function registerDbCommands(program: Command) {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations to DATABASE_URL (or the embedded database)')
    .action(async () => {
      await withDatabase(async ({ applied }) => {
        process.stdout.write(
          applied.length
            ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : 'the database is up to date\n',
        );
      });
    });
}
