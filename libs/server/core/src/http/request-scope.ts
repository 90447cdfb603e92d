import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

interface RequestScope {
  /** Keys of the read-audit rows this request already wrote. */
  audited: Set<string>;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Express middleware: everything the request runs, GraphQL resolvers included, shares one scope. */
export function requestScope(_request: Request, _response: Response, next: NextFunction): void {
  storage.run({ audited: new Set() }, next);
}

/**
 * True the first time `key` is claimed within the current HTTP request (always true outside one: the CLI, jobs), so
 * ten aliases of one report in a single operation write one audit row.
 */
export function firstInRequest(key: string): boolean {
  const scope = storage.getStore();
  if (!scope) return true;
  if (scope.audited.has(key)) return false;
  scope.audited.add(key);
  return true;
}
