import { graphql } from '../gql/index.js';
import type { ModelMetricsQuery } from '../gql/graphql.js';

export const MODEL_METRICS = graphql(`
  query ModelMetrics($projectId: ID!, $language: String) {
    modelMetrics(projectId: $projectId, language: $language) {
      language
      languages
      answersWithoutReference
      csv
      markdown
      rows {
        model
        answers
        bleu1
        bleu2
        bleu3
        bleu4
        gleu
        rouge1
        rouge2
        rougeL
        sentenceBleu4
      }
    }
  }
`);

export type ModelMetricsReport = ModelMetricsQuery['modelMetrics'];
export type ModelMetricsRow = ModelMetricsReport['rows'][number];

/** The corpus metrics in the order papers print them, with their column titles. */
export const METRIC_COLUMNS: Array<[string, keyof Omit<ModelMetricsRow, 'model' | 'answers' | 'sentenceBleu4'>]> = [
  ['BLEU-1', 'bleu1'],
  ['BLEU-2', 'bleu2'],
  ['BLEU-3', 'bleu3'],
  ['BLEU-4', 'bleu4'],
  ['GLEU', 'gleu'],
  ['ROUGE-1', 'rouge1'],
  ['ROUGE-2', 'rouge2'],
  ['ROUGE-L', 'rougeL'],
];
