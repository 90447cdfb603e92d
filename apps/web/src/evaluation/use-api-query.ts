import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, gqlQuery, toApiError } from '../providers/graphql-client.js';

export interface ApiQueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query whenever its variables change (skipped while `enabled` is false); keeps the last data while reloading. */
export function useApiQuery<T, V extends OperationVariables>(
  query: TypedDocumentNode<T, V>,
  variables: V,
  enabled = true,
): ApiQueryState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  // Callers pass object literals; comparing their JSON keeps one request per real change.
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setLoading(true);
    setError(null);
    gqlQuery(query, JSON.parse(key) as V)
      .then((result) => current && setData(result))
      .catch((caught: unknown) => current && (setData(null), setError(toApiError(caught))))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [query, key, enabled, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
