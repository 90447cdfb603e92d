import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  type OperationVariables,
  type TypedDocumentNode,
} from '@apollo/client/core';
import { readSession } from './session.js';

/** A GraphQL error as the API sends it: a human message and a machine code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly network = false,
  ) {
    super(message);
  }

  /**
   * Worth sending again unchanged: the network failed, or the API said its database is unavailable (nothing was
   * saved). Labels carry their submissionId, so a resend can never store a label twice.
   */
  get retryable(): boolean {
    return this.network || this.code === 'UNAVAILABLE';
  }
}

const authLink = new ApolloLink((operation, forward) => {
  const session = readSession();
  if (session) operation.setContext({ headers: { authorization: `Bearer ${session.token}` } });
  return forward(operation);
});

/** One Apollo client for the whole UI; no normalised cache, every screen asks for fresh data. */
export const client = new ApolloClient({
  link: ApolloLink.from([authLink, new HttpLink({ uri: '/graphql' })]),
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
    mutate: { fetchPolicy: 'no-cache', errorPolicy: 'none' },
    watchQuery: { fetchPolicy: 'no-cache' },
  },
});

/** Turns whatever Apollo threw into an ApiError with the server's code (or NETWORK). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const apollo = error as {
    graphQLErrors?: { message: string; extensions?: { code?: string } }[];
    networkError?: unknown;
    message?: string;
  };
  const first = apollo.graphQLErrors?.[0];
  if (first) return new ApiError(first.message, first.extensions?.code ?? 'INTERNAL');
  const network = apollo.networkError as
    { result?: { errors?: { message: string; extensions?: { code?: string } }[] }; statusCode?: number } | undefined;
  const inner = network?.result?.errors?.[0];
  if (inner) return new ApiError(inner.message, inner.extensions?.code ?? 'INTERNAL');
  if (network) return new ApiError(apollo.message ?? 'Network error', 'NETWORK', true);
  return new ApiError(apollo.message ?? String(error), 'INTERNAL');
}

/**
 * Runs a query and returns its data, throwing an ApiError on failure. `fresh` sends it even when the same query is
 * already in flight (Apollo would otherwise hand back that earlier answer, which can predate a change just made).
 */
export async function gqlQuery<T, V extends OperationVariables = OperationVariables>(
  query: TypedDocumentNode<T, V>,
  variables?: V,
  options: { fresh?: boolean } = {},
): Promise<T> {
  try {
    const result = await client.query<T, V>({
      query,
      variables,
      context: options.fresh ? { queryDeduplication: false } : undefined,
    });
    return result.data;
  } catch (error) {
    throw toApiError(error);
  }
}

/** Runs a mutation and returns its data, throwing an ApiError on failure. */
export async function gqlMutate<T, V extends OperationVariables = OperationVariables>(
  mutation: TypedDocumentNode<T, V>,
  variables?: V,
): Promise<T> {
  try {
    const result = await client.mutate<T, V>({ mutation, variables });
    return result.data as T;
  } catch (error) {
    throw toApiError(error);
  }
}
