// Lint is mainly here to enforce module boundaries: framework-free libs stay framework-free, apps never import apps,
// server libraries depend downwards only (feature → data → util), and the web imports no server code.
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  { group: ['@nestjs/*'], message: 'libs/ are framework-free: no NestJS here.' },
  { group: ['typeorm', 'typeorm/*', 'pg'], message: 'libs/ are framework-free: no database drivers or ORM here.' },
  {
    group: ['react', 'react-dom', 'react-admin', '@mui/*', '@apollo/*'],
    message: 'libs/ are framework-free: no UI frameworks here.',
  },
  { group: ['**/apps/**'], message: 'libs/ must not import from apps/.' },
  { group: ['@clinrank/server-*'], message: 'framework-free libs never import server libraries.' },
];

/** The framework-free libraries: everything in libs/ except the NestJS server libraries and the Python trainer. */
const FRAMEWORK_FREE_LIBS = ['libs/*/src/**/*.ts'];

/** Tags live in each project.json: scope (server, cli, web, shared) and type (app, feature, data, util). */
const DEPENDENCY_RULES = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

/** Files outside every project that any project may import: the migrations and the shared test helpers (regexes). */
const SHARED_FILES = ['/migrations/index\\.js$', '/test-support/[a-z-]+\\.js$'];

/** API integration specs that drive the CLI in-process; they belong in apps/cli/test (a follow-up), so apps → apps is allowed here only. */
const API_SPECS_DRIVING_THE_CLI = [
  'apps/api/test/agreement/agreement.int-spec.ts',
  'apps/api/test/dataset/dataset-cli-liveqa.int-spec.ts',
  'apps/api/test/evaluation/support/evaluation-helpers.ts',
  'apps/api/test/security/cli-export.int-spec.ts',
  'apps/api/test/security/input.int-spec.ts',
];

// The boundaries rule reads Nx's cached project graph and silently skips itself without one: build it first.
await createProjectGraphAsync({ exitOnError: true });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.nx/**',
      'test-artifacts/**',
      '**/*.d.ts',
      'libs/trainer/**',
      'apps/web/src/**/gql/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: API_SPECS_DRIVING_THE_CLI,
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: SHARED_FILES,
          enforceBuildableLibDependency: false,
          checkDynamicDependenciesExceptions: ['@clinrank/*'],
          depConstraints: DEPENDENCY_RULES,
        },
      ],
    },
  },
  {
    // Repositories own the SQL: a statement is sent from a *.repository.ts (or a migration, bench or test), never from
    // a service, resolver or command. The three executors below send what a repository hands them.
    files: ['apps/api/src/**/*.ts', 'apps/cli/src/**/*.ts', 'libs/server/*/src/**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      '**/*.spec.ts',
      '**/*.medium-spec.ts',
      'libs/server/core/src/testing/**',
      'libs/server/core/src/database/named-sql.ts',
      'libs/server/core/src/database/copy-from-stdin.ts',
      'libs/server/core/src/database/copy-to-stdout.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL lives in a *.repository.ts of the feature that owns the table (CONTRIBUTING.md).',
        },
      ],
    },
  },
  {
    files: FRAMEWORK_FREE_LIBS,
    rules: { 'no-restricted-imports': ['error', { patterns: FRAMEWORKS }] },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    ignores: ['apps/web/e2e/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', '**/libs/server/**', '@clinrank/server-*', '@nestjs/*', 'typeorm'],
              message: 'the web app talks to the API over GraphQL only.',
            },
          ],
        },
      ],
    },
  },
);
