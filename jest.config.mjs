import { readFileSync } from 'node:fs';

const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const shared = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

/** One project per kind of test so they can be run and timed separately. */
export default {
  // A global option (jest ignores it inside projects): integration and browser tests spawn servers and CLIs on 2 cores.
  testTimeout: 60_000,
  // Every core: jest's default (cores − 1) leaves one of a 2-core machine idle and doubles `npm run test:unit`.
  maxWorkers: '100%',
  projects: [
    // Fast tests of one module in-process (`npm run test:unit`, under 60 s): pure libraries, and services on fakes.
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps}/**/src/**/*.spec.{ts,tsx}'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/libs/simulation/'],
    },
    // Monte-Carlo simulations of labelling campaigns: in-process too, but minutes of CPU, so not in the unit level.
    { ...shared, displayName: 'simulation', testMatch: ['<rootDir>/libs/simulation/src/**/*.spec.ts'] },
    // Repository ("medium") tests: one repository against the real PostgreSQL, no HTTP server.
    { ...shared, displayName: 'medium', testMatch: ['<rootDir>/libs/server/**/src/**/*.medium-spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/apps/**/test/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/apps/web/e2e/**/*.e2e-spec.ts'] },
  ],
};
