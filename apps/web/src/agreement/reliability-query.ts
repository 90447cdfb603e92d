import { graphql } from '../gql/index.js';
import type { AnnotatorReliabilityQuery } from '../gql/graphql.js';

export const ANNOTATOR_RELIABILITY = graphql(`
  query AnnotatorReliability($projectId: ID!) {
    annotatorReliability(projectId: $projectId) {
      kind
      supported
      units
      goldUnits
      converged
      annotators {
        annotatorId
        username
        labels
        expectedAccuracy
      }
    }
  }
`);

export type AnnotatorReliabilityReport = AnnotatorReliabilityQuery['annotatorReliability'];
