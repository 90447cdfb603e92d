import { describe, expect, it } from '@jest/globals';
import { connectionBudgetProblem } from './connection-budget.js';

describe('connectionBudgetProblem', () => {
  const limit = { maxConnections: 100, reserved: 3 };

  it('accepts pools that fit in what max_connections leaves, up to the last slot', () => {
    expect(connectionBudgetProblem(limit, 4, 20)).toBeNull();
    expect(connectionBudgetProblem(limit, 1, 97)).toBeNull();
  });

  it('names both settings, the totals and the fixes when the pools exceed it', () => {
    expect(connectionBudgetProblem(limit, 16, 20)).toBe(
      "API_WORKERS (16) × DATABASE_POOL_SIZE (20) may open 320 connections, more than the 97 that PostgreSQL's " +
        'max_connections (100) leaves after 3 reserved ones; requests past that fail under load: lower ' +
        'DATABASE_POOL_SIZE or API_WORKERS, or raise max_connections',
    );
    expect(connectionBudgetProblem(limit, 1, 98)).toMatch(/may open 98 connections, more than the 97/);
  });

  it('leaves out the connections each process holds besides its pool', () => {
    expect(connectionBudgetProblem(limit, 4, 20, 1)).toBeNull();
    expect(connectionBudgetProblem(limit, 1, 96, 1)).toBeNull();
    expect(connectionBudgetProblem(limit, 2, 48, 1)).toBe(
      "API_WORKERS (2) × DATABASE_POOL_SIZE (48) may open 96 connections, more than the 95 that PostgreSQL's " +
        "max_connections (100) leaves after 3 reserved ones and 2 for the processes' account-change feeds; requests " +
        'past that fail under load: lower DATABASE_POOL_SIZE or API_WORKERS, or raise max_connections',
    );
  });
});
