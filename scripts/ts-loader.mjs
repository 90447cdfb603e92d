// Runs repository TypeScript directly (benchmarks, one-off scripts): `node --import ./scripts/ts-loader.mjs file.ts`.
// Strips types with swc and resolves the tsconfig path aliases; the same module serves as its own loader hooks.
import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swc = createRequire(join(root, 'package.json'))('@swc/core');
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;

export async function resolve(specifier, context, next) {
  if (paths[specifier]) return { url: pathToFileURL(join(root, paths[specifier][0])).href, shortCircuit: true };
  if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts') && /^\.\.?\//.test(specifier)) {
    const url = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    try {
      readFileSync(fileURLToPath(url));
      return { url: url.href, shortCircuit: true };
    } catch {
      // not a TypeScript sibling: let Node resolve the .js
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}

if (!process.env.__CLINRANK_TS_LOADER_HOOKS) {
  process.env.__CLINRANK_TS_LOADER_HOOKS = '1';
  register(import.meta.url);
}
