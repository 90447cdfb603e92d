import { gql } from '@apollo/client';

const RUN_FIELDS = 'id kind status projectId snapshotId parentRunId config gpus attempts maxAttempts nodeName assignedGpus exitCode error summary createdAt startedAt heartbeatAt finishedAt';

export const TRAINING_RUNS = gql`query TrainingRuns { trainingRuns(limit: 100) { ${RUN_FIELDS} } }`;
const ATTEMPT_FIELDS = 'attempt nodeName heartbeatSeconds leaseSeconds claimedAt startedAt endedAt lastHeartbeat outcome error';
export const TRAINING_RUN = gql`query TrainingRun($id: ID!) { trainingRun(id: $id, logLines: 200) { run { ${RUN_FIELDS} } metrics { name attempt steps values } earlierMetrics { name attempt steps values } logTail { seq attempt stream line at } artifacts { attempt name kind uri bytes sha256 createdAt } attemptHistory { ${ATTEMPT_FIELDS} } } }`;
export const TRAINING_NODES = gql`query TrainingNodes { trainingNodes { id name hostname status gpus { index name memoryMiB } maxJobs heartbeatSeconds leaseSeconds lastHeartbeat startedAt currentRunIds } }`;
export const WORKER_SETUP = gql`query WorkerSetup { workerSetup { localCommand remoteCommand remoteDatabaseUrl loopbackOnly embedded } }`;
export const TRAINABLE_SNAPSHOTS = gql`query TrainableSnapshots { trainableSnapshots { id name projectName projectSlug createdAt train validation test } }`;
export const START_REWARD_MODEL = gql`mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) { startRewardModelRun(snapshotId: $snapshotId, input: $input) { id } }`;
export const START_PPO = gql`mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) { startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) { id } }`;
export const SNAPSHOT_MANIFEST = gql`query SnapshotManifest($id: ID!) { datasetSnapshot(id: $id) { id manifest } }`;
export const CANCEL_RUN = gql`mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }`;

export interface TrainingRun {
  id: string;
  kind: string;
  status: string;
  snapshotId: string | null;
  parentRunId: string | null;
  config: unknown;
  gpus: number;
  attempts: number;
  maxAttempts: number;
  nodeName: string | null;
  assignedGpus: number[] | null;
  exitCode: number | null;
  error: string | null;
  summary: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
}

export interface MetricSeries {
  name: string;
  attempt: number;
  steps: number[];
  values: (number | null)[];
}

/** One attempt of a run; `outcome` is null while it runs. */
export interface TrainingAttempt {
  attempt: number;
  nodeName: string;
  heartbeatSeconds: number | null;
  leaseSeconds: number | null;
  claimedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  lastHeartbeat: string | null;
  outcome: string | null;
  error: string | null;
}

export interface RunDetail {
  run: TrainingRun;
  /** The current attempt's series. */
  metrics: MetricSeries[];
  /** Earlier attempts' series, drawn greyed. */
  earlierMetrics: MetricSeries[];
  attemptHistory: TrainingAttempt[];
  logTail: { seq: number; attempt: number; stream: string; line: string; at: string }[];
  artifacts: { attempt: number | null; name: string; kind: string; uri: string; bytes: number; sha256: string; createdAt: string }[];
}

export interface TrainingNode {
  id: string;
  name: string;
  hostname: string;
  status: string;
  gpus: { index: number; name: string; memoryMiB: number | null }[];
  maxJobs: number;
  heartbeatSeconds: number | null;
  leaseSeconds: number | null;
  lastHeartbeat: string;
  startedAt: string;
  currentRunIds: string[];
}

export const ACTIVE_STATUSES = ['queued', 'claimed', 'running'];
export const POLL_MS = 3000;

/** Below this many validation prompts the run form warns (the trainer logs the same warning). */
export const MIN_VALIDATION_PROMPTS = 20;

/** Prompts (items) in a snapshot manifest's validation split, or null when the manifest does not say. */
export function validationPrompts(manifest: unknown): number | null {
  const items = (manifest as { counts?: { splits?: { validation?: { items?: unknown } } } } | null)?.counts?.splits?.validation?.items;
  return typeof items === 'number' ? items : null;
}

export interface WorkerSetup {
  localCommand: string;
  remoteCommand: string;
  remoteDatabaseUrl: string;
  loopbackOnly: boolean;
  embedded: boolean;
}

export interface TrainableSnapshot {
  id: string;
  name: string | null;
  projectName: string | null;
  projectSlug: string | null;
  createdAt: string;
  train: number;
  validation: number;
  test: number;
}
