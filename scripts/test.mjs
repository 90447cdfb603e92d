#!/usr/bin/env node
// `npm test`: every test in the repository. Lint and types, jest (unit, integration on real PostgreSQL, browser e2e),
// then the Python trainer's pytest suite. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';
const results = [];

function step(name, command, args, options = {}) {
  process.stderr.write(`\n=== ${name}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000), ...options.counts?.() });
  process.stderr.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`}\n`);
  return ok;
}

// Every child runs on this process's Node: `npm test` puts node_modules/.bin first on PATH, so that is the bundled
// Node from the `node` devDependency, the runtime `engines` promises.
const node = process.execPath;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
process.stderr.write(`=== node ${process.version} (${node}); package.json engines: ${wanted}\n`);
if (Number(process.versions.node.split('.')[0]) < Number(/\d+/.exec(wanted)[0])) {
  const advice = `Node ${process.version} is older than engines.node (${wanted}): run \`npm test\`, which uses the bundled Node (node_modules/.bin/node)`;
  if (ci) {
    process.stderr.write(`\n!!! ${advice} (CI=true makes this a failure)\n`);
    process.exit(1);
  }
  process.stderr.write(`\n!!! ${advice}\n`);
}

step('build', node, ['scripts/build.mjs', '--force']);
step('lint (module boundaries)', node, [bin('eslint'), '.']);
step('formatting (prettier --check)', node, [bin('prettier'), '--check', '--log-level', 'warn', '.']);
step('import cycles (madge)', node, [
  bin('madge'),
  '--circular',
  '--extensions',
  'ts,tsx',
  '--ts-config',
  'tsconfig.base.json',
  'apps',
  'libs',
]);
step('queries/ matches the repositories', node, ['scripts/write-queries.mjs', '--check']);
step('import cycles (Python trainer)', '/usr/bin/python3', ['libs/trainer/scripts/check_import_cycles.py']);
step('apps/api/schema.gql matches the resolvers', node, ['scripts/write-schema.mjs', '--check']);
step('apps/web/src/**/gql/ match the schema and documents', node, ['scripts/check-codegen.mjs']);
// jest runs TypeScript through swc, which strips types without checking them: every project is type-checked here,
// the integration tests (tsconfig.tests.json) and the web app and its browser tests included.
for (const project of [
  'tsconfig.json',
  'tsconfig.tests.json',
  'apps/web/tsconfig.json',
  'apps/web/e2e/tsconfig.json',
]) {
  step(`typecheck ${project}`, node, [bin('tsc'), '-p', project, '--noEmit']);
}

const jestReport = join(root, 'test-artifacts', 'jest-results.json');
mkdirSync(dirname(jestReport), { recursive: true });
rmSync(jestReport, { force: true });
step(
  'jest (unit, integration, e2e)',
  node,
  [
    '--experimental-vm-modules',
    join(root, 'node_modules/jest/bin/jest.js'),
    '--maxWorkers=2',
    '--json',
    `--outputFile=${jestReport}`,
    ...process.argv.slice(2),
  ],
  {
    counts: () => {
      if (!existsSync(jestReport)) return {};
      const report = JSON.parse(readFileSync(jestReport, 'utf8'));
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
        skipped: report.numPendingTests,
      };
    },
  },
);

const python = '/usr/bin/python3';
const hasTorch =
  existsSync(python) && spawnSync(python, ['-c', 'import torch, pytest'], { stdio: 'ignore' }).status === 0;
if (hasTorch) {
  const junit = join(root, 'test-artifacts', 'pytest.xml');
  rmSync(junit, { force: true });
  step(
    'pytest (trainer)',
    python,
    ['-m', 'pytest', 'libs/trainer', '-q', '-p', 'no:cacheprovider', `--junit-xml=${junit}`],
    {
      env: { PYTHONDONTWRITEBYTECODE: '1' },
      counts: () => {
        if (!existsSync(junit)) return {};
        const suite = /<testsuite [^>]*>/.exec(readFileSync(junit, 'utf8'))?.[0] ?? '';
        const attribute = (name) => Number(new RegExp(`${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
        const skipped = attribute('skipped');
        const failed = attribute('failures') + attribute('errors');
        return { passed: attribute('tests') - failed - skipped, failed, skipped };
      },
    },
  );
} else if (ci) {
  process.stderr.write(
    '\n!!! /usr/bin/python3 with torch and pytest is missing: install python3-torch python3-pytest (CI=true makes this a failure)\n',
  );
  results.push({ name: 'pytest (trainer)', ok: false });
} else {
  process.stderr.write(
    '\n!!! SKIPPING the trainer tests: /usr/bin/python3 lacks torch or pytest (apt-get install -y python3-torch python3-pytest)\n',
  );
}

process.stderr.write('\n=== summary\n');
for (const result of results) {
  const counts =
    result.passed === undefined ? '' : ` (${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped)`;
  process.stderr.write(`${result.ok ? 'ok    ' : 'FAILED'} ${result.name}${counts} ${result.seconds ?? 0}s\n`);
}
// The closing line counts tests; a failed step without test counts (build, lint, types) counts as one failure.
const passed = results.reduce((sum, result) => sum + (result.passed ?? 0), 0);
const failed = results.reduce(
  (sum, result) =>
    sum +
    (result.failed ?? (result.ok ? 0 : 1)) +
    (!result.ok && !result.failed ? (result.passed === undefined ? 0 : 1) : 0),
  0,
);
const skipped = results.reduce((sum, result) => sum + (result.skipped ?? 0), 0);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
