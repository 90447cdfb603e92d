import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@clinrank/domain';
import pino from 'pino';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toGraphQLError } from './graphql-errors.js';

const silent = pino({ level: 'silent' });

describe('toGraphQLError', () => {
  it("keeps a domain error's code and field", () => {
    const error = toGraphQLError(new DomainError(ErrorCode.NotFound, 'No project "x"', 'project'), silent);
    expect(error.extensions).toEqual({ code: ErrorCode.NotFound, field: 'project' });
  });

  it('answers a malformed id (PostgreSQL 22P02) as bad input, not as an internal error', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "abc"'), { code: '22P02' });
    const error = toGraphQLError(new QueryFailedError('SELECT 1 WHERE id = $1', ['abc'], driverError), silent);
    expect(error.extensions.code).toBe(ErrorCode.BadUserInput);
    expect(error.message).toMatch(/UUID/);
  });

  it('answers a lost database connection as UNAVAILABLE, retryable, not as a bug', () => {
    const driverError = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const error = toGraphQLError(new QueryFailedError('INSERT INTO labels VALUES ($1)', ['x'], driverError), silent);
    expect(error.extensions).toEqual({ code: ErrorCode.Unavailable, retryable: true });
    expect(
      toGraphQLError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), silent)
        .extensions.code,
    ).toBe(ErrorCode.Unavailable);
  });

  it('answers a transaction whose connection dropped between two queries as UNAVAILABLE', () => {
    // TypeORM released the query runner on the connection's error event; the next query throws this instead
    const error = toGraphQLError(new QueryRunnerProviderAlreadyReleasedError(), silent);
    expect(error.extensions).toEqual({ code: ErrorCode.Unavailable, retryable: true });
  });

  it('hides other failures behind a reference', () => {
    const error = toGraphQLError(new Error('connection reset'), silent);
    expect(error.extensions.code).toBe(ErrorCode.Internal);
    expect(error.message).not.toMatch(/connection reset/);
    expect(error.extensions.reference).toEqual(expect.any(String));
  });
});
