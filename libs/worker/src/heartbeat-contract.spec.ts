import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MAX_HEARTBEAT_SECONDS, heartbeatContractProblem } from './heartbeat-contract.js';

describe('heartbeatContractProblem', () => {
  it('accepts an interval up to the maximum with a longer lease', () => {
    expect(heartbeatContractProblem(10, 30, DEFAULT_MAX_HEARTBEAT_SECONDS)).toBeNull();
    expect(heartbeatContractProblem(60, 180, 60)).toBeNull();
  });

  it('refuses an interval above the cluster maximum in one line naming the setting', () => {
    const problem = heartbeatContractProblem(61, 183, 60)!;
    expect(problem).toMatch(
      /^--heartbeat-seconds 61 is above this cluster's maximum of 60 s \(CLINRANK_MAX_HEARTBEAT_SECONDS\)/,
    );
    expect(problem).not.toContain('\n');
  });

  it('refuses a lease that does not exceed the interval', () => {
    expect(heartbeatContractProblem(10, 10, 60)).toBe(
      '--heartbeat-timeout-seconds (10) must exceed --heartbeat-seconds (10)',
    );
  });
});
