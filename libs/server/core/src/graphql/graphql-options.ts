import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Logger } from 'pino';
import { graphqlOperations } from '../http/metrics.js';
import { formatGraphQLError } from './graphql-errors.js';
import { OTHER_OPERATION, operationLabel, schemaOperationNames } from './operation-label.js';
import { aliasLimitRule, depthLimitRule, queryCostPlugin } from './query-limits.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

/** Apollo settings: code-first schema, depth, alias, token and cost limits, no introspection or stack traces in production. */
export function graphqlOptions(options: {
  production: boolean;
  limits: QueryLimits;
  logger: Logger;
}): ApolloDriverConfig {
  let knownOperations: ReadonlySet<string> = new Set();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !options.production,
    playground: false,
    includeStacktraceInErrorResponses: false,
    // A token cap stops a document of 100k aliases at the parser, before validation walks it.
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: [depthLimitRule(options.limits.maxDepth), aliasLimitRule(options.limits.maxAliases)],
    formatError: formatGraphQLError,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    plugins: [
      queryCostPlugin(options.limits.maxCost),
      // Apollo's default cache-control plugin wraps every field resolver to collect cache hints, and we give none: every
      // answer is private and uncacheable. The header it would send, no-store, is set below instead.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart({ schema }) {
          knownOperations = schemaOperationNames(schema);
        },
        async requestDidStart() {
          return {
            async willSendResponse(context) {
              context.response.http.headers.set('cache-control', 'no-store');
              const outcome = context.errors?.length ? 'error' : 'ok';
              const operation = context.operation
                ? operationLabel(context.operation, knownOperations)
                : OTHER_OPERATION;
              graphqlOperations.inc({ operation, outcome });
            },
          };
        },
      },
    ],
  };
}
