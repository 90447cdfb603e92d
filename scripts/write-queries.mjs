#!/usr/bin/env node
// `npm run queries`: writes every SQL statement the repositories register (defineSql) to queries/<feature>.sql, so a
// change in SQL is a reviewable diff. `--check` writes nothing and fails when a file is stale (CI runs it via lint).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'queries');
const check = process.argv.includes('--check');
await import('./ts-loader.mjs');

function* repositoryFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* repositoryFiles(path);
    else if (entry.name.endsWith('.repository.ts')) yield path;
  }
}

// Framework-free libraries (libs/worker) cannot import defineSql: their repositories export their statements instead,
// as { name, text } objects or lists of them.
const isStatement = (value) => typeof value?.name === 'string' && typeof value?.text === 'string';
const exported = [];
for (const file of [...repositoryFiles(join(root, 'libs'))].sort()) {
  for (const value of Object.values(await import(pathToFileURL(file).href))) {
    for (const candidate of Array.isArray(value) ? value : [value])
      if (isStatement(candidate)) exported.push(candidate);
  }
}
const { registeredSql } = await import('@clinrank/server-core');
const statements = new Map(registeredSql().map((statement) => [statement.name, statement]));
for (const statement of exported) {
  const known = statements.get(statement.name);
  if (known && known.text !== statement.text)
    throw new Error(`SQL name "${statement.name}" is defined twice with different text`);
  statements.set(statement.name, statement);
}

const byFeature = new Map();
for (const { name, text } of [...statements.values()].sort((left, right) => left.name.localeCompare(right.name))) {
  const feature = name.slice(0, name.indexOf('.'));
  byFeature.set(feature, [...(byFeature.get(feature) ?? []), `-- ${name}\n${text};\n`]);
}
const expected = new Map(
  [...byFeature].map(([feature, statements]) => [
    `${feature}.sql`,
    `-- Written by \`npm run queries\` from the repositories; do not edit.\n\n${statements.join('\n')}`,
  ]),
);
const present = existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.sql')) : [];
const stale = [...new Set([...present, ...expected.keys()])].filter(
  (name) => (expected.get(name) ?? null) !== (present.includes(name) ? readFileSync(join(outDir, name), 'utf8') : null),
);

if (check) {
  if (stale.length) {
    console.error(`queries/ is stale (${stale.join(', ')}): run \`npm run queries\` and commit the result.`);
    process.exit(1);
  }
  console.log(`queries/ is up to date (${expected.size} files).`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const name of stale) {
    if (expected.has(name)) writeFileSync(join(outDir, name), expected.get(name));
    else rmSync(join(outDir, name));
  }
  console.log(`${relative(root, outDir)}/: ${stale.length} file(s) updated, ${expected.size} in all`);
}
