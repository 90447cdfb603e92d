/** The cluster's ceiling on a node's heartbeat interval unless `CLINRANK_MAX_HEARTBEAT_SECONDS` says otherwise. */
export const DEFAULT_MAX_HEARTBEAT_SECONDS = 60;

/**
 * Why a node may not start with this heartbeat interval and lease (both in seconds), as one line; null when it may.
 * The lease must leave room for at least one missed beat, and the interval must not exceed the cluster maximum.
 */
export function heartbeatContractProblem(
  intervalSeconds: number,
  leaseSeconds: number,
  maxIntervalSeconds: number,
): string | null {
  if (intervalSeconds > maxIntervalSeconds) {
    return `--heartbeat-seconds ${intervalSeconds} is above this cluster's maximum of ${maxIntervalSeconds} s (CLINRANK_MAX_HEARTBEAT_SECONDS): beat more often, or raise the maximum for every node and the API`;
  }
  if (leaseSeconds <= intervalSeconds) {
    return `--heartbeat-timeout-seconds (${leaseSeconds}) must exceed --heartbeat-seconds (${intervalSeconds})`;
  }
  return null;
}
