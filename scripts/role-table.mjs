#!/usr/bin/env node
// Writes README.md's role table from the API's @Public/@Roles guards (or, with --check, fails when it is stale).
// Runs on the build: node scripts/build.mjs first.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { operationGuards, roleTableMarkdown, withRoleTable } = await import(
  join(root, 'dist/libs/server/core/src/auth/operation-guards.js')
);
const { FEATURE_MODULES } = await import(join(root, 'dist/libs/server/app/src/feature-modules.js'));

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = withRoleTable(readme, roleTableMarkdown(operationGuards(FEATURE_MODULES)));
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    process.stderr.write('README.md: the role table is stale; run node scripts/role-table.mjs\n');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  process.stderr.write('README.md: role table updated\n');
}
