import { gql } from '@apollo/client';

export const BERTSCORE_RESULTS = gql`
  query BertScoreResults($projectId: ID!, $language: String) {
    bertScore(projectId: $projectId, language: $language) { runId finishedAt encoder layer language languages csv markdown rows { model precision recall f1 answers } }
  }
`;

export const BERTSCORE_RUNS = gql`
  query BertScoreRuns($projectId: ID!) { trainingRuns(kind: "bertscore", projectId: $projectId, limit: 1) { id status projectId error createdAt finishedAt } }
`;

export const REQUEST_BERTSCORE = gql`
  mutation RequestBertScore($projectId: ID!, $encoderPath: String, $layer: Int, $gpus: Int) {
    requestBertScore(projectId: $projectId, encoderPath: $encoderPath, layer: $layer, gpus: $gpus) { id status }
  }
`;

export interface BertScoreResults {
  runId: string;
  finishedAt: string;
  encoder: string | null;
  layer: number | null;
  language: string | null;
  languages: string[];
  csv: string;
  markdown: string;
  rows: Array<{ model: string; precision: number; recall: number; f1: number; answers: number }>;
}

export interface BertScoreRun {
  id: string;
  status: string;
  projectId: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Statuses worth showing above the results: the run is on its way, or it failed. */
export const SHOWN_STATUSES = ['queued', 'claimed', 'running', 'failed'];
export const ACTIVE_STATUSES = ['queued', 'claimed', 'running'];
