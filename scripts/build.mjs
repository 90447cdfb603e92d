#!/usr/bin/env node
// Builds what `npm start` and the CLI need: the server-side TypeScript (swc, ESM) and, when its sources changed, the web UI (Vite).
import { transformFile } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const sourceRoots = ['apps/api/src', 'apps/cli/src', 'migrations', 'libs'];
const aliases = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths).map(
    ([alias, [target]]) => [alias, target],
  ),
);

function* typescriptFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'tests', 'testing', '__pycache__', 'scripts'].includes(entry.name))
        yield* typescriptFiles(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

function rewriteAliases(code, outFile) {
  return code.replace(
    /(from\s+|import\s*\(\s*)(['"])(@clinrank\/[a-z-]+(?:\/[a-z-]+)?)\2/g,
    (match, prefix, quote, alias) => {
      const target = aliases[alias];
      if (!target) return match;
      let path = relative(dirname(outFile), join(outDir, target.replace(/\.ts$/, '.js')));
      if (!path.startsWith('.')) path = `./${path}`;
      return `${prefix}${quote}${path}${quote}`;
    },
  );
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** Tests build while other tests run the built files: write beside the target, then rename, so no reader sees half a file. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

async function buildServer() {
  const started = performance.now();
  let count = 0;
  const files = sourceRoots.flatMap((dir) => [...typescriptFiles(join(root, dir))]);
  await Promise.all(
    files.map(async (file) => {
      const outFile = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      if (
        existsSync(outFile) &&
        statSync(outFile).mtimeMs >= statSync(file).mtimeMs &&
        statSync(outFile).mtimeMs >= statSync(join(root, 'tsconfig.base.json')).mtimeMs
      )
        return;
      const { code } = await transformFile(file, { ...swcOptions, filename: file });
      mkdirSync(dirname(outFile), { recursive: true });
      writeAtomically(outFile, rewriteAliases(code, outFile));
      count += 1;
    }),
  );
  const packageFile = join(outDir, 'package.json');
  const packageText = JSON.stringify({ type: 'module' }) + '\n';
  if (!existsSync(packageFile) || readFileSync(packageFile, 'utf8') !== packageText)
    writeAtomically(packageFile, packageText);
  if (!quiet || count > 0)
    process.stderr.write(
      `build: server ${count}/${files.length} files compiled in ${Math.round(performance.now() - started)} ms\n`,
    );
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildWeb(force) {
  const webRoot = join(root, 'apps/web');
  const index = join(outDir, 'web/index.html');
  const sources = Math.max(
    newestMtime(join(webRoot, 'src')),
    statSync(join(webRoot, 'index.html')).mtimeMs,
    statSync(join(webRoot, 'vite.config.ts')).mtimeMs,
  );
  if (!force && existsSync(index) && statSync(index).mtimeMs >= sources) {
    process.stderr.write('build: web UI up to date\n');
    return;
  }
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(webRoot, 'vite.config.ts')],
    { cwd: webRoot, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    process.stderr.write('build: the web UI failed to build\n');
    process.exit(result.status ?? 1);
  }
}

await buildServer();
if (!args.has('--server-only')) buildWeb(args.has('--force'));
