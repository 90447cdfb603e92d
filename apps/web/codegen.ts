import type { CodegenConfig } from '@graphql-codegen/cli';

// `npm run codegen`: typed documents for the web from the API's schema (apps/api/schema.gql, `npm run schema`) and
// the web's `graphql(…)` documents, the only way the web writes GraphQL (CONTRIBUTING.md: one data-fetching style).
// Two outputs keep the annotator's first load small: the workspace and the providers (loaded at once) get their own
// module with only their documents; every lazy page shares `src/gql/`.
const FIRST_LOAD = ['apps/web/src/workspace/**/*.{ts,tsx}', 'apps/web/src/providers/**/*.{ts,tsx}'];

const clientPreset = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
    enumsAsTypes: true,
    skipTypename: true,
    useTypeImports: true,
    strictScalars: true,
    avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
    defaultScalarType: 'unknown',
  },
} as const;

const config: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  pluckConfig: { modules: [], globalGqlIdentifierName: 'graphql', gqlMagicComment: 'typed-graphql' },
  ignoreNoDocuments: true,
  generates: {
    'apps/web/src/gql/': {
      ...clientPreset,
      documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/**/gql/**', ...FIRST_LOAD.map((glob) => `!${glob}`)],
    },
    'apps/web/src/workspace/gql/': { ...clientPreset, documents: [...FIRST_LOAD, '!apps/web/src/**/gql/**'] },
  },
};

export default config;
