import type { GraphQLResult } from './test-platform.js';

/**
 * Throws with the GraphQL errors when a call that should succeed fails, so a test failure says why; returns the data.
 * Typed on GraphQLResult<T> so that `ok(await api.gql(…))` infers gql's default result type (a record of `any`):
 * a parameter typed `{ data?: T | null }` made TypeScript infer T as `null | undefined` from the call's return type.
 */
export function ok<T>(result: GraphQLResult<T>): NonNullable<T> {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL call failed: ${JSON.stringify(result.errors)}`);
  return result.data as NonNullable<T>;
}

/** Returns the value, or throws naming what was missing: narrows `T | null | undefined` for the lines after a lookup. */
export function required<T>(value: T, what: string): NonNullable<T> {
  if (value === null || value === undefined)
    throw new Error(`expected ${what}, got ${value === null ? 'null' : 'undefined'}`);
  return value as NonNullable<T>;
}
