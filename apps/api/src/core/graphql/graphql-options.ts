import type { ApolloDriverConfig } from '@nestjs/apollo';
import depthLimit from 'graphql-depth-limit';
import type { Logger } from 'pino';
import { graphqlOperations } from '../http/metrics.js';
import { formatGraphQLError } from './graphql-errors.js';

/** Apollo settings: code-first schema, a depth limit, no introspection or stack traces in production. */
export function graphqlOptions(options: { production: boolean; maxDepth: number; logger: Logger }): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !options.production,
    playground: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(options.maxDepth)],
    formatError: formatGraphQLError,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    plugins: [
      {
        async requestDidStart() {
          return {
            async willSendResponse(context) {
              const outcome = context.errors?.length ? 'error' : 'ok';
              graphqlOperations.inc({ operation: context.operationName ?? 'anonymous', outcome });
            },
          };
        },
      },
    ],
  };
}
