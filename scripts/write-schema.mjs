#!/usr/bin/env node
// `npm run schema`: writes the code-first GraphQL schema to apps/api/schema.gql, built from the feature modules'
// resolvers as the API builds it, sorted so the file is deterministic. The API itself keeps its schema in memory
// (`autoSchemaFile: true`) and writes no file, so it runs from a read-only install. `--check` writes nothing and
// fails when the file is stale (CI runs it via lint); `--out <file>` writes elsewhere.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outFile = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(root, 'apps/api/schema.gql');
await import('./ts-loader.mjs');

const { NestFactory } = await import('@nestjs/core');
const { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } = await import('@nestjs/graphql');
const { lexicographicSortSchema, printSchema } = await import('graphql');
const { FEATURE_MODULES } = await import('@clinrank/server-app');

/** Every provider class of the modules and their imports: the classes Nest's resolver explorer hands the factory. */
function providerClasses(modules) {
  const seen = new Set();
  const classes = new Set();
  const visit = (entry) => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    const module = typeof entry === 'function' ? entry : entry.module;
    const imports = [...(Reflect.getMetadata('imports', module) ?? []), ...(entry.imports ?? [])];
    const providers = [...(Reflect.getMetadata('providers', module) ?? []), ...(entry.providers ?? [])];
    for (const provider of providers) {
      const target = typeof provider === 'function' ? provider : provider?.useClass;
      if (typeof target === 'function') classes.add(target);
    }
    for (const imported of imports)
      visit(typeof imported?.forwardRef === 'function' ? imported.forwardRef() : imported);
  };
  modules.forEach(visit);
  return [...classes];
}

async function buildSchemaText() {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(providerClasses(FEATURE_MODULES));
    return `# Written by \`npm run schema\` from the API's resolvers and DTOs; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await context.close();
  }
}

const text = await buildSchemaText();
const name = relative(root, outFile);
if (check) {
  if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== text) {
    console.error(`${name} is stale: run \`npm run schema\` (then \`npm run codegen\`) and commit the result.`);
    process.exit(1);
  }
  console.log(`${name} is up to date.`);
} else {
  writeFileSync(outFile, text);
  console.log(`${name}: written (${text.split('\n').length} lines)`);
}
