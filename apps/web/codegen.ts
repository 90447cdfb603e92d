import type { CodegenConfig } from '@graphql-codegen/cli';

// `npm run codegen`: typed documents for the web from the API's schema (apps/api/schema.gql, `npm run schema`) and
// the web's `graphql(…)` documents. Only `graphql` calls are read: the remaining Apollo `gql` templates are not typed yet.
const config: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**'],
  pluckConfig: { modules: [], globalGqlIdentifierName: 'graphql', gqlMagicComment: 'typed-graphql' },
  ignoreNoDocuments: true,
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        skipTypename: true,
        useTypeImports: true,
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
