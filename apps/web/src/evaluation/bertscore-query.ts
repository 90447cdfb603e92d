import { graphql } from '../gql/index.js';
import type { BertScoreResultsQuery, BertScoreRunsQuery } from '../gql/graphql.js';

export const BERTSCORE_RESULTS = graphql(`
  query BertScoreResults($projectId: ID!, $language: String) {
    bertScore(projectId: $projectId, language: $language) {
      runId
      finishedAt
      encoder
      layer
      language
      languages
      csv
      markdown
      rows {
        model
        precision
        recall
        f1
        answers
      }
    }
  }
`);

export const BERTSCORE_RUNS = graphql(`
  query BertScoreRuns($projectId: ID!) {
    trainingRuns(kind: "bertscore", projectId: $projectId, limit: 1) {
      id
      status
      projectId
      error
      createdAt
      finishedAt
    }
  }
`);

export const REQUEST_BERTSCORE = graphql(`
  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {
    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) {
      id
      status
    }
  }
`);

export type BertScoreResults = NonNullable<BertScoreResultsQuery['bertScore']>;
export type BertScoreRun = BertScoreRunsQuery['trainingRuns'][number];

/** Statuses worth showing above the results: the run is on its way, or it failed. */
export const SHOWN_STATUSES = ['queued', 'claimed', 'running', 'failed'];
export const ACTIVE_STATUSES = ['queued', 'claimed', 'running'];
