#!/usr/bin/env node
// Fails when apps/web/src/gql/ or apps/web/src/workspace/gql/ is stale: `npm run codegen` would write something else
// from apps/api/schema.gql and the web's graphql(…) documents. CI runs it via lint, after the schema check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const manifest = require.resolve('@graphql-codegen/cli/package.json');
const bin = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin['graphql-codegen']);
const run = spawnSync(process.execPath, [bin, '--config', 'apps/web/codegen.ts', '--check', '--silent'], {
  cwd: root,
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(`${run.stdout}${run.stderr}`);
  console.error('apps/web/src/**/gql/ is stale: run `npm run schema` and `npm run codegen`, and commit the result.');
  process.exit(1);
}
console.log('apps/web/src/gql/ and apps/web/src/workspace/gql/ are up to date.');
