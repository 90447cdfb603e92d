import type { Command } from 'commander';
import { ROLES, type Role } from '@clinrank/domain';
import { printJson, readStdin, withDatabase } from '../cli-context.js';
import { parseChoice, parseList, UsageError } from '../cli-errors.js';

export function registerUserCommands(program: Command) {
  const users = program.command('users').description('manage accounts');
  users
    .command('create')
    .description('create an account; the password is read from standard input')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseChoice('--role', ROLES))
    .option('--display-name <name>', 'name shown in the UI')
    .option('--languages <codes>', 'comma-separated language codes, e.g. en,zh,ar', parseList, [])
    .option('--specialties <list>', 'comma-separated specialties', parseList, [])
    .option('--password-stdin', 'read the password from standard input (required)')
    .option('--json', 'print the created user as JSON')
    .action(
      async (options: {
        username: string;
        role: Role;
        displayName?: string;
        languages: string[];
        specialties: string[];
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        if (!options.passwordStdin)
          throw new UsageError('pass the password on standard input with --password-stdin (never on the command line)');
        const password = (await readStdin()).toString('utf8').replace(/\r?\n$/, '');
        if (password.length < 8)
          throw new UsageError('the password read from standard input must be at least 8 characters');
        if (!/^[A-Za-z0-9._@-]{2,64}$/.test(options.username))
          throw new UsageError('option --username must be 2-64 letters, digits, dots, dashes, underscores or @');
        await withDatabase(async ({ services, actor }) => {
          const user = await services.users.create({ ...options, password }, actor);
          if (options.json)
            printJson({
              id: user.id,
              username: user.username,
              role: user.role,
              languages: user.languages,
              specialties: user.specialties,
            });
          else process.stdout.write(`created ${user.role} ${user.username} (${user.id})\n`);
        });
      },
    );
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ services }) => {
        const { users: rows } = await services.users.list({ limit: 1000, offset: 0 });
        const view = rows.map((user) => ({
          username: user.username,
          role: user.role,
          kind: user.kind,
          languages: user.languages,
          specialties: user.specialties,
          active: user.active,
        }));
        if (options.json) printJson(view);
        else
          for (const user of view)
            process.stdout.write(`${user.username}\t${user.role}\t${user.kind}\t${user.languages.join(',')}\n`);
      });
    });
}
