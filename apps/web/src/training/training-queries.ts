import { graphql } from '../gql/index.js';
import type {
  TrainableSnapshotsQuery,
  TrainingNodesQuery,
  TrainingRunFieldsFragment,
  TrainingRunQuery,
  WorkerSetupQuery,
} from '../gql/graphql.js';

graphql(`
  fragment TrainingRunFields on TrainingRun {
    id
    kind
    status
    projectId
    snapshotId
    parentRunId
    config
    gpus
    attempts
    maxAttempts
    nodeName
    assignedGpus
    exitCode
    error
    summary
    createdAt
    startedAt
    heartbeatAt
    finishedAt
  }
`);
graphql(`
  fragment MetricSeriesFields on MetricSeries {
    name
    attempt
    steps
    values
  }
`);

export const TRAINING_RUNS = graphql(`
  query TrainingRuns {
    trainingRuns(limit: 100) {
      ...TrainingRunFields
    }
  }
`);
export const TRAINING_RUN = graphql(`
  query TrainingRun($id: ID!) {
    trainingRun(id: $id, logLines: 200) {
      run {
        ...TrainingRunFields
      }
      metrics {
        ...MetricSeriesFields
      }
      earlierMetrics {
        ...MetricSeriesFields
      }
      logTail {
        seq
        attempt
        stream
        line
        at
      }
      artifacts {
        attempt
        name
        kind
        uri
        bytes
        sha256
        createdAt
      }
      attemptHistory {
        attempt
        nodeName
        heartbeatSeconds
        leaseSeconds
        claimedAt
        startedAt
        endedAt
        lastHeartbeat
        outcome
        error
      }
    }
  }
`);
export const TRAINING_NODES = graphql(`
  query TrainingNodes {
    trainingNodes {
      id
      name
      hostname
      status
      gpus {
        index
        name
        memoryMiB
      }
      maxJobs
      heartbeatSeconds
      leaseSeconds
      lastHeartbeat
      startedAt
      currentRunIds
    }
  }
`);
export const WORKER_SETUP = graphql(`
  query WorkerSetup {
    workerSetup {
      localCommand
      remoteCommand
      remoteDatabaseUrl
      loopbackOnly
      embedded
    }
  }
`);
export const TRAINABLE_SNAPSHOTS = graphql(`
  query TrainableSnapshots {
    trainableSnapshots {
      id
      name
      projectName
      projectSlug
      createdAt
      train
      validation
      test
    }
  }
`);
export const START_REWARD_MODEL = graphql(`
  mutation StartRewardModelRun($snapshotId: ID!, $input: StartRunInput) {
    startRewardModelRun(snapshotId: $snapshotId, input: $input) {
      id
    }
  }
`);
export const START_PPO = graphql(`
  mutation StartPpoRun($rewardModelRunId: ID!, $input: StartRunInput) {
    startPpoRun(rewardModelRunId: $rewardModelRunId, input: $input) {
      id
    }
  }
`);
export const SNAPSHOT_MANIFEST = graphql(`
  query SnapshotManifest($id: ID!) {
    datasetSnapshot(id: $id) {
      id
      manifest
    }
  }
`);
export const CANCEL_RUN = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      id
      status
    }
  }
`);

export type TrainingRun = TrainingRunFieldsFragment;
export type RunDetail = TrainingRunQuery['trainingRun'];
export type MetricSeries = RunDetail['metrics'][number];
/** One attempt of a run; `outcome` is null while it runs. */
export type TrainingAttempt = RunDetail['attemptHistory'][number];
export type TrainingNode = TrainingNodesQuery['trainingNodes'][number];
export type WorkerSetup = WorkerSetupQuery['workerSetup'];
export type TrainableSnapshot = TrainableSnapshotsQuery['trainableSnapshots'][number];

export const ACTIVE_STATUSES = ['queued', 'claimed', 'running'];
export const POLL_MS = 3000;

/** Below this many validation prompts the run form warns (the trainer logs the same warning). */
export const MIN_VALIDATION_PROMPTS = 20;

/** Prompts (items) in a snapshot manifest's validation split, or null when the manifest does not say. */
export function validationPrompts(manifest: unknown): number | null {
  const items = (manifest as { counts?: { splits?: { validation?: { items?: unknown } } } } | null)?.counts?.splits
    ?.validation?.items;
  return typeof items === 'number' ? items : null;
}
